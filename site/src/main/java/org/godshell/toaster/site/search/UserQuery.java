package org.godshell.toaster.site.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * What a reader typed, read as words and "quoted phrases", never as Lucene syntax: {@code * ? ~ : ( ) AND OR NOT}
 * are just characters the analyzer drops or words it indexes. Capped at {@link #MAX_CHARS} characters and
 * {@link #MAX_TERMS} terms; control characters become spaces. The last word, when the text does not end in a
 * space or a quote, may also be the start of a longer word: {@code prefix} is then that word as typed (lower
 * case, not stemmed) and the last of {@code words} its analyzed form; otherwise "".
 */
record UserQuery(List<String> words, List<List<Positioned>> phrases, String prefix) {

    static final int MAX_CHARS = 200;
    static final int MAX_TERMS = 20;
    /** Shorter starts match too many words to tell pages apart. */
    static final int MIN_PREFIX = 3;

    /** An analyzed term of a phrase at its position (stop words leave gaps). */
    record Positioned(String term, int position) {
    }

    UserQuery {
        words = List.copyOf(words);
        phrases = phrases.stream().map(List::copyOf).toList();
    }

    boolean isEmpty() {
        return words.isEmpty() && phrases.isEmpty();
    }

    static UserQuery read(String typed, Analyzer analyzer) {
        StringBuilder clean = new StringBuilder();
        typed.codePoints().limit(MAX_CHARS).forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        String text = clean.toString();
        List<String> words = new ArrayList<>();
        List<List<Positioned>> phrases = new ArrayList<>();
        StringBuilder loose = new StringBuilder();
        int at = 0;
        int budget = MAX_TERMS;
        while (at < text.length()) {
            int open = text.indexOf('"', at);
            int close = open < 0 ? -1 : text.indexOf('"', open + 1);
            if (close < 0) {                                  // no quote, or one left open: the rest is words
                loose.append(' ').append(text, at, text.length()).append(' ');
                break;
            }
            loose.append(' ').append(text, at, open).append(' ');
            List<Positioned> phrase = analyze(analyzer, text.substring(open + 1, close), budget);
            budget -= phrase.size();
            if (phrase.size() == 1) {
                words.add(phrase.getFirst().term());
            } else if (!phrase.isEmpty()) {
                phrases.add(phrase);
            }
            at = close + 1;
        }
        for (Positioned word : analyze(analyzer, loose.toString(), budget)) {
            if (!words.contains(word.term())) {
                words.add(word.term());
            }
        }
        String prefix = prefix(text);
        List<Positioned> typing = analyze(analyzer, prefix, 1);
        boolean lastWord = !words.isEmpty() && typing.size() == 1 && typing.getFirst().term().equals(words.getLast());
        return new UserQuery(words, phrases, lastWord ? prefix : "");
    }

    /** The last word when the reader may still be typing it: letters and digits at the very end, 3 or more. */
    private static String prefix(String text) {
        int end = text.length();
        int start = end;
        while (start > 0 && Character.isLetterOrDigit(text.charAt(start - 1))) {
            start--;
        }
        return end - start >= MIN_PREFIX ? text.substring(start, end).toLowerCase(Locale.ROOT) : "";
    }

    private static List<Positioned> analyze(Analyzer analyzer, String text, int budget) {
        List<Positioned> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(WikiIndex.TEXT, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            int position = -1;
            while (terms.size() < budget && stream.incrementToken()) {
                position += increment.getPositionIncrement();
                terms.add(new Positioned(term.toString(), position));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analyzing a string cannot fail", e);
        }
        return terms;
    }
}
