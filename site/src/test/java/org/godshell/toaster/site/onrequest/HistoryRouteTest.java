package org.godshell.toaster.site.onrequest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.godshell.toaster.site.serve.RawHttp;
import org.junit.jupiter.api.Test;

/**
 * {@code /_history/PATH.html} on request: the bytes a static export's build writes, for the published build's
 * pages only, at the address of the file a static export holds; every other address is the site's 404 (or 400);
 * HEAD and conditional requests as for files.
 */
class HistoryRouteTest extends ServedWikiTest {

    private byte[] exported(String file) throws Exception {
        return Files.readAllBytes(temp.resolve("export").toRealPath().resolve(file));
    }

    @Test
    void theServerAnswersWithTheBytesTheExportsBuildWrites() throws Exception {
        Path site = temp.resolve("site").toRealPath();
        assertFalse(Files.exists(site.resolve("_history/Home.html")), "the server's build writes no page history");
        assertFalse(Files.exists(site.resolve("_history/Manual.html")));
        for (String file : List.of("_history/Home.html", "_history/Manual.html")) {
            RawHttp.Answer answer = wiki.get("/" + file);
            assertEquals(200, answer.status(), file);
            assertArrayEquals(exported(file), answer.body(), () -> file + ":\n" + answer.text());
            assertEquals("text/html; charset=utf-8", answer.header("Content-Type"));
        }
        String manual = wiki.get("/_history/Manual.html").text();
        assertTrue(manual.contains("&lt;b&gt;edit&lt;/b&gt; the guide") && manual.contains("Eve &amp; &quot;Co&quot;"),
                "the changes' text escaped");
        assertTrue(manual.contains("(renamed from Guide.md)"), "its history followed through the rename");
        assertTrue(Files.exists(site.resolve("_history/Guide.html")), "the former name's redirect is a file");
        assertArrayEquals(exported("_history/Guide.html"), wiki.get("/_history/Guide.html").body());
        assertEquals(2, wiki.published.cache().size(), "only the two pages' histories were rendered");
    }

    @Test
    void anythingButAPagesHistoryIsTheSitesNotFound() throws Exception {
        byte[] notFound = Files.readAllBytes(temp.resolve("site").toRealPath().resolve("404.html"));
        for (String target : List.of("/_history/Nope.html", "/_history/Home.md", "/_history/Home",
                "/_history/Home.htm", "/_history/home.html", "/_history/", "/_history/Home.html/",
                "/_history//Home.html", "/_history/../Home.html", "/_history/%2e%2e/Home.html",
                "/_history/%252e%252e/Home.html", "/_history/.Home.html", "/_history/Home.html%00",
                "/_history/Home%2Fhtml", "/_history/%c0%ae%c0%ae/Home.html", "/_History/Home.html",
                "/_history/_history/Home.html", "/x/../_history/Home.html", "/_history/Home.html\\",
                "/_history/" + "a".repeat(3000) + ".html", "/_commit/Home.html", "/Home.html/_history")) {
            RawHttp.Answer answer = wiki.get(target);
            assertTrue(answer.status() == 404 || answer.status() == 400, () -> target + ": " + answer.status());
            assertFalse(answer.text().contains("wiki-history"), target);
            if (answer.status() == 404) {
                assertArrayEquals(notFound, answer.body(), target + ": the site's 404 page");
            }
        }
        assertEquals(0, wiki.published.cache().size(), "nothing rendered for them");
    }

    @Test
    void theAddressIsTheFilesAsTheSiteReadsIt() throws Exception {
        byte[] home = exported("_history/Home.html");
        assertArrayEquals(home, wiki.get("/_history/%48ome.html").body(), "decoded once, as a file's path");
        assertArrayEquals(home, wiki.get("/_history/Home.html?at=1&x=%00").body(), "the query ignored");
        assertEquals(1, wiki.published.cache().size(), "one page, kept once");
    }

    @Test
    void headAndConditionalAsForFiles() throws Exception {
        String target = "/_history/Manual.html";
        RawHttp.Answer get = wiki.get(target);
        RawHttp.Answer head = wiki.send("HEAD", target);
        assertEquals(200, head.status());
        assertEquals(0, head.body().length);
        assertEquals(get.header("ETag"), head.header("ETag"));
        assertEquals(304, wiki.get(target, "If-None-Match: " + get.header("ETag")).status());
        assertEquals(405, wiki.send("POST", target, "Content-Length: 0").status(), "the site's answer to POST");
        assertEquals(405, wiki.send("DELETE", target).status());
    }

    @Test
    void aNewBuildRendersItsOwnPagesAndTitles() throws Exception {
        assertTrue(wiki.get("/_history/Manual.html").text().contains("History of <a href=\"../Manual.html\">The "
                + "guide</a>"));
        wiki.put("Manual.md", "---\ntitle: The manual\n---\nThe quick red fox <leaps> & runs.\n");
        wiki.put("guide/Deep page é.md", "# Deep\n");
        wiki.commit("retitle, and a page in a folder", "Ann");
        wiki.build();
        RawHttp.Answer manual = wiki.get("/_history/Manual.html");
        assertArrayEquals(exported("_history/Manual.html"), manual.body(), manual::text);
        assertTrue(manual.text().contains(">The manual</a>"), "the new build's title, not the cached page");
        RawHttp.Answer deep = wiki.get("/_history/guide/Deep%20page%20%C3%A9.html");
        assertEquals(200, deep.status(), deep::text);
        assertArrayEquals(exported("_history/guide/Deep page é.html"), deep.body(), deep::text);
        assertTrue(deep.text().contains("href=\"../../guide/Deep%20page%20%C3%A9.html\""), deep::text);
    }

    @Test
    void aStaticExportsOwnFilesAreServedAsTheyAre() throws Exception {
        Path export = temp.resolve("export").toRealPath();
        Files.writeString(export.resolve("_history/Home.html"), "the export's own file");
        Files.delete(temp.resolve("site"));
        Files.createSymbolicLink(temp.resolve("site"), export);
        assertEquals("the export's own file", wiki.get("/_history/Home.html").text());
        assertEquals(0, wiki.published.cache().size());
    }
}
