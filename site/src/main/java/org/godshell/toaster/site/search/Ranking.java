package org.godshell.toaster.site.search;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * The Lucene query for a {@link UserQuery}, which is where relevance is decided. Each word is looked for in every
 * field at once, the best field counting (a title match outweighs a heading match, which outweighs the text) and
 * the others a little ({@link #TIE}); words are alternatives (BM25 adds them up, so a section with more of them
 * comes first); the words together as a phrase score again. A quoted phrase must occur. A last word still being
 * typed also matches as the start of a word, lightly.
 */
final class Ranking {

    /**
     * Field weights: the page's own names first, then the section's heading, then its text. The page's fields
     * score their weight when they hold the word ({@link PageFieldsSimilarity}); a section's fields score BM25,
     * which gives a rare word in a short heading about 5 to 7 before the weight.
     */
    static final float TITLE = 25f;
    /** An alias is the page's title by another name ("Spam filtering" for Content filtering). */
    static final float ALIASES = TITLE;
    static final float TAGS = 8f;
    static final float HEADING = 3f;
    static final float TEXT = 1f;
    static final float TIE = 0.2f;
    static final float PROXIMITY = 2f;
    static final int PROXIMITY_SLOP = 3;
    static final float PREFIX = 0.3f;

    private Ranking() {
    }

    /**
     * The query; with {@code everyWord}, a section must hold every word (or a word of the same stem), as the first
     * of the two passes {@link WikiIndex} makes: sections with all the words come before those with some.
     */
    static Query of(UserQuery query, boolean everyWord) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        List<String> words = query.words();
        if (!words.isEmpty()) {
            BooleanQuery.Builder each = new BooleanQuery.Builder();
            for (int i = 0; i < words.size(); i++) {
                String word = words.get(i);
                Query exact = everyField(field -> new TermQuery(new Term(field, word)));
                boolean typing = i == words.size() - 1 && !query.prefix().isEmpty();
                each.add(typing ? new DisjunctionMaxQuery(List.of(exact, new BoostQuery(everyField(field ->
                        new PrefixQuery(new Term(field, query.prefix()))), PREFIX)), 0f) : exact, Occur.SHOULD);
            }
            if (everyWord) {
                each.setMinimumNumberShouldMatch(words.size());
            }
            all.add(each.build(), everyWord ? Occur.MUST : Occur.SHOULD);
        }
        for (List<UserQuery.Positioned> phrase : query.phrases()) {
            all.add(everyField(field -> phrase(field, phrase, 0)), Occur.MUST);
        }
        if (words.size() > 1) {
            List<UserQuery.Positioned> together = new ArrayList<>();
            for (int i = 0; i < words.size(); i++) {
                together.add(new UserQuery.Positioned(words.get(i), i));
            }
            all.add(new BoostQuery(new DisjunctionMaxQuery(List.of(phrase(WikiIndex.TITLE, together, PROXIMITY_SLOP),
                    phrase(WikiIndex.HEADING, together, PROXIMITY_SLOP),
                    phrase(WikiIndex.TEXT, together, PROXIMITY_SLOP)), TIE), PROXIMITY), Occur.SHOULD);
        }
        return all.build();
    }

    private interface FieldQuery {
        Query in(String field);
    }

    private static Query everyField(FieldQuery query) {
        return new DisjunctionMaxQuery(List.of(
                new BoostQuery(query.in(WikiIndex.TITLE), TITLE),
                new BoostQuery(query.in(WikiIndex.ALIASES), ALIASES),
                new BoostQuery(query.in(WikiIndex.TAGS), TAGS),
                new BoostQuery(query.in(WikiIndex.HEADING), HEADING),
                new BoostQuery(query.in(WikiIndex.TEXT), TEXT)), TIE);
    }

    private static Query phrase(String field, List<UserQuery.Positioned> terms, int slop) {
        PhraseQuery.Builder phrase = new PhraseQuery.Builder().setSlop(slop);
        for (UserQuery.Positioned term : terms) {
            phrase.add(new Term(field, term.term()), term.position());
        }
        return phrase.build();
    }
}
