package org.godshell.toaster.site.search;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

/**
 * English analysis for pages and queries alike: lower case, possessives dropped, Porter stemming ("greylisting"
 * and "greylisted" both become "greylist") and stop words. Lucene's English stop words, plus the words a question
 * starts with ("how do I add a user"): they occur on every page, so they would only dilute the words that tell
 * pages apart. Thread-safe, as Lucene's analyzers are.
 */
final class WikiAnalyzer {

    private static final List<String> QUESTION_WORDS = List.of("how", "do", "does", "did", "i", "can", "what",
            "why", "where", "when", "which", "who", "my", "me", "we", "you", "your", "should");

    private WikiAnalyzer() {
    }

    static Analyzer create() {
        List<Object> words = new ArrayList<>(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        words.addAll(QUESTION_WORDS);
        return new EnglishAnalyzer(new CharArraySet(words, true));
    }
}
