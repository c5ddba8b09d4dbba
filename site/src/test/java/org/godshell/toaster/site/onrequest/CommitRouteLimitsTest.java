package org.godshell.toaster.site.onrequest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.godshell.toaster.site.serve.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The route's bounds: the cache's bytes, and the renders at once (beyond them a 503, never a queue). */
class CommitRouteLimitsTest {

    @TempDir
    Path temp;

    @Test
    void theCacheHoldsNoMoreBytesThanItsBound() throws Exception {
        long bound = 16 * 1024;
        try (CommitWiki wiki = new CommitWiki(temp, bound, 1)) {
            for (int i = 0; i < 20; i++) {
                wiki.put("Page-" + i + ".md", "# Page " + i + "\n\n" + "A line of text. ".repeat(40) + "\n");
                wiki.commit("add page " + i, "Ann");
            }
            wiki.build();
            Map<String, byte[]> pages = wiki.exported();
            long all = pages.values().stream().mapToLong(page -> page.length).sum();
            assertTrue(all > 2 * bound, "more pages than the cache holds: " + all);
            assertTrue(pages.values().stream().allMatch(page -> page.length <= bound / 4), "each one may be kept");
            for (int round = 0; round < 2; round++) {
                for (Map.Entry<String, byte[]> page : pages.entrySet()) {
                    RawHttp.Answer answer = wiki.get("/_commit/" + page.getKey() + ".html");
                    assertEquals(200, answer.status());
                    assertArrayEquals(page.getValue(), answer.body());
                    assertTrue(wiki.published.cache().bytes() <= bound, "bytes within the bound");
                }
            }
            assertTrue(wiki.published.cache().size() < pages.size(), "not every page is kept");
            assertTrue(wiki.published.cache().size() >= 4, "but as many as fit: " + wiki.published.cache().size());
        }
    }

    @Test
    void beyondTheRendersAtOnceTheAnswerIs503WithRetryAfter() throws Exception {
        try (CommitWiki wiki = new CommitWiki(temp, PublishedPages.CACHE_BYTES, 0)) {
            RawHttp.Answer answer = wiki.get("/_commit/" + wiki.created.name() + ".html");
            assertEquals(503, answer.status());
            assertEquals("2", answer.header("Retry-After"));
            assertEquals("no-store", answer.header("Cache-Control"));
            assertEquals(404, wiki.get("/_commit/" + wiki.dangling.name() + ".html").status(),
                    "an unlisted commit is not found, busy or not");
        }
    }
}
