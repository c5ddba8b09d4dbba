package org.godshell.toaster.site.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.site.page.Page;
import org.junit.jupiter.api.Test;

class SectionsTest {

    private static Page page(String path, Integer order, String section) {
        String url = path.substring(0, path.length() - ".md".length()) + ".html";
        String title = path.substring(path.lastIndexOf('/') + 1, path.length() - ".md".length());
        return new Page(path, url, title, List.of(), List.of(), Optional.ofNullable(order), Optional.of("# x"),
                Optional.empty(), Optional.ofNullable(section));
    }

    private static List<String> titles(List<Views.Nav> entries) {
        return entries.stream().map(entry -> entry.section() ? "[" + entry.title() + "]" + titles(entry.children())
                : entry.title()).toList();
    }

    @Test
    void sectionsRankByTheirSmallestOrderThenName() {
        Folders folders = new Folders(List.of(page("Home.md", 0, null), page("Queue.md", 40, "Mail"),
                page("Smtp.md", 25, "Mail"), page("Install.md", 10, "Start"), page("Zeta.md", 10, "Another"),
                page("Loose.md", null, null), page("Middle.md", 30, null), page("Late.md", null, "Mail")));
        List<Views.Nav> nav = folders.nav(folders.top(), "", "Queue.html", 0, false);
        assertEquals(List.of("Home", "[Another][Zeta]", "[Start][Install]", "[Mail][Smtp, Queue, Late]", "Middle",
                "Loose"), titles(nav));
        assertTrue(nav.get(3).open(), "the current page's section is open");
        assertFalse(nav.get(1).open());
        assertEquals("", nav.get(1).url(), "a section is a heading, not a link");
        assertTrue(folders.nav(folders.top(), "", "_contents.html", 0, true).stream()
                .filter(Views.Nav::section).allMatch(Views.Nav::open), "contents pages open every section");
    }

    @Test
    void sectionNamesAreCaseSensitiveTextAndStayInTheirFolder() {
        Folders folders = new Folders(List.of(page("a/One.md", 1, "Mail"), page("Two.md", 2, "Mail"),
                page("Three.md", 3, "mail")));
        List<Views.Nav> top = folders.nav(folders.top(), "a", "a/One.html", 0, false);
        assertEquals(List.of("[Mail][Two]", "[mail][Three]", "a"), titles(top));
        assertEquals(List.of("[Mail][One]"), titles(top.get(2).children()));
    }

    @Test
    void aSectionCountsTowardsTheEntriesALevelShows() {
        List<Page> pages = new ArrayList<>();
        for (int i = 0; i < Folders.MAX_ENTRIES + 50; i++) {
            pages.add(page(String.format("P%03d.md", i), i, i % 2 == 0 ? "Even" : null));
        }
        Folders folders = new Folders(pages);
        List<Views.Nav> nav = folders.nav(folders.top(), "", "P000.html", 0, false);
        int listed = nav.stream().mapToInt(entry -> entry.section() ? entry.children().size() : 1).sum();
        assertEquals(Folders.MAX_ENTRIES + 1, listed, "the cap, then the link to all of them");
        assertEquals("All 150 pages…", nav.getLast().title());
    }

    @Test
    void theNavigationFingerprintChangesWithASection() {
        String plain = new Folders(List.of(page("A.md", 1, null))).fingerprint();
        String sectioned = new Folders(List.of(page("A.md", 1, "S"))).fingerprint();
        assertFalse(plain.equals(sectioned), "a page moved into a section changes every page's navigation");
    }
}
