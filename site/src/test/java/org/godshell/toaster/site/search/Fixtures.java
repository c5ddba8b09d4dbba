package org.godshell.toaster.site.search;

import java.util.ArrayList;
import java.util.List;

/** Small hand-made sites: a greylisting page, a page with markup in its text, and numbered filler pages. */
final class Fixtures {

    private Fixtures() {
    }

    /** {@code count} pages (at least 2): the greylist page, the hostile page, then pages "Page N". */
    static List<SearchDocument> pages(int count) {
        List<SearchDocument> pages = new ArrayList<>();
        pages.add(new SearchDocument("Plugin-greylist.html", "Plugin: greylist", List.of(), List.of("plugins"),
                List.of(new SearchDocument.Section(1, "plugin-greylist", "Plugin: greylist",
                                "The greylist plugin defers mail from unknown senders."),
                        new SearchDocument.Section(2, "how-it-works", "How it works",
                                "Greylisting answers 451 to the first attempt; a real server will retry later."))));
        pages.add(new SearchDocument("Hostile.html", "Hostile page", List.of(), List.of(),
                List.of(new SearchDocument.Section(0, "", "", "A hostile <script>alert(1)</script> text with "
                        + "<img src=x onerror=alert(2)> in it, \"quoted\" and a \\ backslash."))));
        for (int i = 2; i < count; i++) {
            pages.add(new SearchDocument("Page-" + i + ".html", "Page " + i, List.of(), List.of(),
                    List.of(new SearchDocument.Section(0, "", "", "Filler page number " + i + "."))));
        }
        return pages;
    }
}
