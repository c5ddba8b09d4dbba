package org.godshell.toaster.site.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/**
 * The search index built with the previous build's term counts taken over is the index built from nothing: for
 * the same text objects, for a text kept under a new title, and for a text equal but not the same object.
 */
class SearchMemoryTest {

    private static SortedMap<String, byte[]> fresh(List<SearchIndex.Doc> docs) {
        SearchMemory.rememberWeights(new IdentityHashMap<>());
        return SearchIndex.build(docs);
    }

    private static void assertSameFiles(SortedMap<String, byte[]> expected, SortedMap<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((path, bytes) -> assertArrayEquals(bytes, actual.get(path), path));
    }

    @Test
    void takenOverCountsGiveTheIndexCountedFromNothing() {
        String alpha = "Alpha text, alpha again; the wiki's own words. Ünïcode wörds too.";
        String beta = "Beta text with alpha once and a tab\tand 1234 numbers.";
        List<SearchIndex.Doc> docs = List.of(new SearchIndex.Doc("Alpha", "Alpha.html", alpha),
                new SearchIndex.Doc("Beta", "Beta.html", beta));
        SortedMap<String, byte[]> first = fresh(docs);
        assertSameFiles(first, SearchIndex.build(docs));
        assertSameFiles(first, SearchIndex.build(docs));

        List<SearchIndex.Doc> retitled = List.of(new SearchIndex.Doc("Alpha Renamed", "Alpha.html", alpha),
                new SearchIndex.Doc("Beta", "Beta.html", beta));
        SearchIndex.build(docs);
        SortedMap<String, byte[]> taken = SearchIndex.build(retitled);
        assertSameFiles(fresh(retitled), taken);

        List<SearchIndex.Doc> copies = List.of(new SearchIndex.Doc("Alpha", "Alpha.html", new String(alpha)),
                new SearchIndex.Doc("Beta", "Beta.html", beta + " edited"));
        SearchIndex.build(docs);
        SortedMap<String, byte[]> edited = SearchIndex.build(copies);
        assertSameFiles(fresh(copies), edited);
    }
}
