package org.godshell.toaster.site.onrequest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.godshell.toaster.site.serve.RawHttp;
import org.junit.jupiter.api.Test;

/**
 * {@code /_commit/ID.html} on request: the bytes a static export's build writes, for the commits of the published
 * history only; every other address is the site's 404 (or 400); HEAD, conditional requests and gzip as for files.
 */
class CommitRouteTest extends ServedWikiTest {

    @Test
    void theServerAnswersWithTheBytesTheExportsBuildWrites() throws Exception {
        assertFalse(Files.exists(temp.resolve("site").toRealPath().resolve("_commit")),
                "the server's build writes no commit page");
        Map<String, byte[]> exported = wiki.exported();
        assertEquals(Set.of(wiki.created.name(), wiki.edited.name(), wiki.renamed.name()), exported.keySet(),
                "a page for each commit of main's history that touched pages");
        for (Map.Entry<String, byte[]> page : exported.entrySet()) {
            RawHttp.Answer answer = wiki.get("/_commit/" + page.getKey() + ".html");
            assertEquals(200, answer.status(), page.getKey());
            assertArrayEquals(page.getValue(), answer.body(), () -> page.getKey() + ":\n" + answer.text());
            assertEquals("text/html; charset=utf-8", answer.header("Content-Type"));
            assertEquals("no-cache", answer.header("Cache-Control"));
            assertNotNull(answer.header("Content-Security-Policy"), "the security headers of every answer");
            assertEquals("nosniff", answer.header("X-Content-Type-Options"));
        }
        String edit = wiki.get("/_commit/" + wiki.edited.name() + ".html").text();
        assertTrue(edit.contains("&lt;b&gt;edit&lt;/b&gt; the guide") && edit.contains("Eve &amp; &quot;Co&quot;"),
                "the commit's text escaped");
        assertTrue(edit.contains("<a href=\"../Manual.html\">The guide</a>"), "its page as it is named now");
        assertArrayEquals(exported.get(wiki.edited.name()), wiki.get("/_commit/" + wiki.edited.name() + ".html")
                .body(), "the same from the cache");
    }

    @Test
    void anythingButAListedCommitIsTheSitesNotFound() throws Exception {
        String id = wiki.created.name();
        ObjectId tree;
        ObjectId blob;
        try (RevWalk walk = new RevWalk(wiki.repo.repository())) {
            tree = walk.parseCommit(wiki.renamed).getTree().getId();
            try (TreeWalk file = TreeWalk.forPath(wiki.repo.repository(), "Home.md", tree)) {
                blob = file.getObjectId(0);
            }
        }
        byte[] notFound = Files.readAllBytes(temp.resolve("site").toRealPath().resolve("404.html"));
        for (String target : List.of("/_commit/" + wiki.otherBranch.name() + ".html",
                "/_commit/" + wiki.dangling.name() + ".html", "/_commit/" + wiki.picture.name() + ".html",
                "/_commit/" + tree.name() + ".html", "/_commit/" + blob.name() + ".html",
                "/_commit/" + "0".repeat(40) + ".html", "/_commit/" + id.toUpperCase() + ".html",
                "/_commit/" + id.substring(0, 39) + ".html", "/_commit/" + id + "0.html",
                "/_commit/" + id.substring(0, 12) + ".html", "/_commit/" + id + ".htm", "/_commit/" + id,
                "/_commit/" + id + ".html?x=1", "/_commit/" + id + ".html?", "/_commit/%" + Integer.toHexString(
                        id.charAt(0)) + id.substring(1) + ".html", "/%5Fcommit/" + id + ".html",
                "/_commit/" + id + "%2Ehtml", "/_commit/", "/_commit/x/../" + id + ".html",
                "/_commit/" + id + ".html/", "/_commit//" + id + ".html", "/x/../_commit/" + id + ".html")) {
            RawHttp.Answer answer = wiki.get(target);
            assertTrue(answer.status() == 404 || answer.status() == 400, () -> target + ": " + answer.status());
            assertFalse(answer.text().contains("wiki-diff"), target);
            if (answer.status() == 404) {
                assertArrayEquals(notFound, answer.body(), target + ": the site's 404 page");
            }
        }
        assertEquals(0, wiki.published.cache().size(), "nothing rendered for them");
    }

    @Test
    void headConditionalAndGzipAsForFiles() throws Exception {
        String target = "/_commit/" + wiki.edited.name() + ".html";
        RawHttp.Answer get = wiki.get(target);
        RawHttp.Answer head = wiki.send("HEAD", target);
        assertEquals(200, head.status());
        assertEquals(0, head.body().length);
        assertEquals(get.header("Content-Length"), head.header("Content-Length"));
        assertEquals(get.header("ETag"), head.header("ETag"));
        RawHttp.Answer again = wiki.get(target, "If-None-Match: " + get.header("ETag"));
        assertEquals(304, again.status());
        assertEquals(0, again.body().length);
        assertEquals(304, wiki.get(target, "If-Modified-Since: " + get.header("Last-Modified")).status());
        assertEquals(200, wiki.get(target, "If-None-Match: \"other\"").status());
        RawHttp.Answer zipped = wiki.get(target, "Accept-Encoding: gzip");
        assertEquals("gzip", zipped.header("Content-Encoding"));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertArrayEquals(get.body(), in.readAllBytes());
        }
        assertEquals(304, wiki.get(target, "Accept-Encoding: gzip", "If-None-Match: " + zipped.header("ETag"))
                .status());
        assertEquals(405, wiki.send("POST", target, "Content-Length: 0").status(), "the site's answer to POST");
    }

    @Test
    void aNewBuildRendersWithItsOwnTitles() throws Exception {
        String target = "/_commit/" + wiki.edited.name() + ".html";
        assertTrue(wiki.get(target).text().contains(">The guide</a>"));
        wiki.put("Manual.md", "---\ntitle: The manual\n---\nThe quick red fox <leaps> & runs.\n");
        wiki.commit("retitle", "Ann");
        wiki.build();
        RawHttp.Answer answer = wiki.get(target);
        assertArrayEquals(wiki.exported().get(wiki.edited.name()), answer.body(), answer::text);
        assertTrue(answer.text().contains(">The manual</a>"), "the new build's title, not the cached page");
        assertEquals(1, wiki.published.cache().size(), "the old build's page is dropped");
    }

    @Test
    void aStaticExportsOwnFilesAreServedAsTheyAre() throws Exception {
        Path export = temp.resolve("export").toRealPath();
        Path page = export.resolve("_commit/" + wiki.created.name() + ".html");
        Files.writeString(page, "the export's own file");
        // the server's symlink now names the export's build, whose commit pages are files
        Files.delete(temp.resolve("site"));
        Files.createSymbolicLink(temp.resolve("site"), export);
        assertEquals("the export's own file", wiki.get("/_commit/" + wiki.created.name() + ".html").text());
        assertEquals(0, wiki.published.cache().size());
    }

    @Test
    void aBuildWithoutAUsableIndexServesNoCommitPage() throws Exception {
        Path build = temp.resolve("site").toRealPath();
        Path index = build.resolveSibling(build.getFileName() + ".index");
        byte[] bytes = Files.readAllBytes(index);
        bytes[bytes.length / 2] ^= 1;
        Files.write(index, bytes);
        assertEquals(404, wiki.get("/_commit/" + wiki.created.name() + ".html").status());
        assertTrue(wiki.log.stream().anyMatch(line -> line.contains("unusable")), wiki.log::toString);
        Files.delete(index);
        assertEquals(404, wiki.get("/_commit/" + wiki.created.name() + ".html").status());
    }
}
