package org.godshell.toaster.site.output;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.site.search.SearchDocument;

/**
 * What the previous build in this process computed for the search from each page's rendering: its sections
 * ({@link org.godshell.toaster.site.search.Sections#of}, a parse of the page's HTML) and the weights of the terms
 * of its text ({@link SearchIndex#terms}). Both are functions of one string alone, so a rendering the build
 * takes over unchanged from the previous one (the very same string object, which the wiki server's builds pass
 * on through the index they remember) gives the same result without computing it again.
 *
 * <p>Entries are looked up by identity, never by equality (no hashing of a page's whole HTML), and only the
 * newest build's entries are kept: one site's pages at most. Maps are read by many threads at once and never
 * written while they are read; a build replaces them whole when it is done with them.
 */
final class SearchMemory {

    private static Map<String, List<SearchDocument.Section>> sections = new IdentityHashMap<>();
    private static Map<String, Map<String, Integer>> weights = new IdentityHashMap<>();

    private SearchMemory() {
    }

    /** The previous build's sections by the HTML they were cut from; not to be written. */
    static synchronized Map<String, List<SearchDocument.Section>> sections() {
        return sections;
    }

    /** The previous build's text term weights by the text they were counted in; not to be written. */
    static synchronized Map<String, Map<String, Integer>> weights() {
        return weights;
    }

    static synchronized void rememberSections(Map<String, List<SearchDocument.Section>> next) {
        sections = next;
    }

    static synchronized void rememberWeights(Map<String, Map<String, Integer>> next) {
        weights = next;
    }
}
