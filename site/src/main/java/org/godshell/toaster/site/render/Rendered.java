package org.godshell.toaster.site.render;

import java.util.List;
import java.util.Optional;

/**
 * A page after rendering and sanitizing: its HTML body, its headings (for the table of contents and the search
 * index), its plain text (for search), the pages it links to, the wiki-link targets that do not exist, and a
 * notice when the page could not be rendered.
 */
public record Rendered(String html, List<Heading> headings, String text, List<String> linksTo,
                       List<String> missing, Optional<String> notice) {

    public Rendered {
        headings = List.copyOf(headings);
        linksTo = List.copyOf(linksTo);
        missing = List.copyOf(missing);
    }

    /** A heading of the page: level 1-6, its text and its anchor id. */
    public record Heading(int level, String text, String id) {
    }
}
