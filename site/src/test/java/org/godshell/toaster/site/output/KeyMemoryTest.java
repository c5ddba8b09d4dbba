package org.godshell.toaster.site.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A key taken over from the previous build is always the key the inputs would hash to: equal inputs take it
 * over, any difference (a field, the template, the site values, the path, one byte) hashes anew.
 */
class KeyMemoryTest {

    private static final Views.SiteView SITE = new Views.SiteView("Wiki", "../", "https://wiki.example.org/",
            "https://wiki.example.org/wiki.git", null, null, null);

    private static Object view(String title) {
        return Map.of("title", title, "links", List.of(new Views.Link("Home", "../index.html")));
    }

    @Test
    void equalInputsTakeTheKeyOverAndEveryKeyIsTheHashOfItsInputs() {
        KeyMemory first = new KeyMemory();
        String key = first.key("a/Page.html", "page.ftlh", SITE, "page", view("Page"));
        assertEquals(Memo.key("page.ftlh", SITE, "page", view("Page")), key);
        first.remember();

        KeyMemory second = new KeyMemory();
        // equal, not the same objects: as the next build makes them
        assertEquals(key, second.key("a/Page.html", "page.ftlh", new Views.SiteView("Wiki", "../",
                "https://wiki.example.org/", "https://wiki.example.org/wiki.git", null, null, null), "page",
                view("Page")));
        assertEquals(Memo.key("page.ftlh", SITE, "page", view("Page (edited)")),
                second.key("b/Other.html", "page.ftlh", SITE, "page", view("Page (edited)")));
        for (String[] changed : new String[][] {{"history.ftlh", "page", "Page"}, {"page.ftlh", "section", "Page"},
                {"page.ftlh", "page", "Page."}}) {
            KeyMemory next = new KeyMemory();
            assertEquals(Memo.key(changed[0], SITE, changed[1], view(changed[2])),
                    next.key("a/Page.html", changed[0], SITE, changed[1], view(changed[2])));
            assertNotEquals(key, next.key("a/Page.html", changed[0], SITE, changed[1], view(changed[2])));
        }
        KeyMemory otherSite = new KeyMemory();
        Views.SiteView deeper = new Views.SiteView("Wiki", "../../", SITE.url(), SITE.cloneUrl(), null, null, null);
        assertEquals(Memo.key("page.ftlh", deeper, "page", view("Page")),
                otherSite.key("a/Page.html", "page.ftlh", deeper, "page", view("Page")));
    }

    @Test
    void aCopyIsTakenOverOnlyForTheSameBytesAtTheSamePath() {
        byte[] bytes = "{\"ab\":[0,1]}\n".getBytes();
        KeyMemory first = new KeyMemory();
        String key = first.key("_search/ab.json", bytes);
        assertEquals(Memo.key(bytes), key);
        first.remember();

        KeyMemory second = new KeyMemory();
        assertEquals(key, second.key("_search/ab.json", bytes.clone()));
        byte[] changed = bytes.clone();
        changed[changed.length - 2] = ']';
        assertEquals(Memo.key(changed), second.key("_search/ab.json", changed));
        assertEquals(Memo.key(new byte[0]), second.key("_search/ab.json", new byte[0]));
        // a rendering's inputs at a path a copy had, and the other way round, are hashed anew
        assertEquals(Memo.key("page.ftlh", SITE, "page", view("x")),
                second.key("_search/ab.json", "page.ftlh", SITE, "page", view("x")));
        second.remember();
        KeyMemory third = new KeyMemory();
        assertEquals(Memo.key(bytes), third.key("_search/ab.json", bytes));
    }

    @Test
    void aMutableListComparesByItsContent() {
        List<Map<String, String>> urls = new ArrayList<>(List.of(Map.of("loc", "https://x/a.html", "lastmod", "")));
        KeyMemory first = new KeyMemory();
        String key = first.key("sitemap.xml", "sitemap.ftlx", SITE, "urls", urls);
        first.remember();
        List<Map<String, String>> more = new ArrayList<>(urls);
        more.add(Map.of("loc", "https://x/b.html", "lastmod", "2026-12-07"));
        String grown = new KeyMemory().key("sitemap.xml", "sitemap.ftlx", SITE, "urls", more);
        assertNotEquals(key, grown);
        assertEquals(Memo.key("sitemap.ftlx", SITE, "urls", more), grown);
    }
}
