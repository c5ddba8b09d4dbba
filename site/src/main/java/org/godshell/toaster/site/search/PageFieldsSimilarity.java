package org.godshell.toaster.site.search;

import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.BooleanSimilarity;
import org.apache.lucene.search.similarities.PerFieldSimilarityWrapper;
import org.apache.lucene.search.similarities.Similarity;

/**
 * BM25 for a section's own heading and text; for the page's title, aliases and tags, which every section of the
 * page carries, a plain match (the field's boost when the word is there). BM25's rarity weight would count those
 * fields by section: a word in the title of a page of twenty sections would look twenty times as common as one
 * in the title of a page of one, and long pages would lose their own titles' words.
 */
final class PageFieldsSimilarity extends PerFieldSimilarityWrapper {

    private final Similarity sections = new BM25Similarity();
    private final Similarity page = new BooleanSimilarity();

    @Override
    public Similarity get(String field) {
        return switch (field) {
            case WikiIndex.TITLE, WikiIndex.ALIASES, WikiIndex.TAGS -> page;
            default -> sections;
        };
    }
}
