package org.godshell.toaster.site.render;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.godshell.toaster.site.key.Fingerprinted;
import org.godshell.toaster.site.key.KeyWriter;

/**
 * A page after rendering and sanitizing: its HTML body, its headings (for the table of contents and the search
 * index), its plain text (for search), the pages it links to, the wiki-link targets that do not exist, and a
 * notice when the page could not be rendered. {@code resolved} maps each wiki-link target as written to the path
 * of the page it named, "" when none: the rendering stays valid while every one of them resolves the same way.
 * {@code headingLinks} are its links to headings of other pages, checked once every page is rendered.
 */
public record Rendered(String html, List<Heading> headings, String text, List<String> linksTo,
                       List<String> missing, Optional<String> notice, Map<String, String> resolved,
                       List<HeadingLink> headingLinks) {

    public Rendered {
        headings = List.copyOf(headings);
        headingLinks = List.copyOf(headingLinks);
        linksTo = List.copyOf(linksTo);
        missing = List.copyOf(missing);
        resolved = Collections.unmodifiableSortedMap(new TreeMap<>(resolved));
    }

    /** A link to heading {@code id} of the page at {@code path}, as written ("Queue#Retry schedule"). */
    public record HeadingLink(String path, String id, String written) {
    }

    /** A heading of the page: level 1-6, its text and its anchor id. */
    public record Heading(int level, String text, String id) implements Fingerprinted {
        @Override
        public void fingerprint(KeyWriter key) {
            key.number(level).string(text).string(id);
        }
    }
}
