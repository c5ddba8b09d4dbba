package org.godshell.toaster.site.versions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an old version and a comparison show: the page as it was, its links working from one folder down, hostile
 * text escaped or sanitized, renames followed, deleted and binary pages handled; and the built site's side:
 * history pages link here, deleted pages keep theirs, former names redirect.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PastViewsTest {

    VersionsFixture wiki;
    Path site;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        wiki = new VersionsFixture(dir);
        site = dir.resolve("site").toRealPath();
    }

    @AfterAll
    void stop() throws Exception {
        wiki.close();
    }

    @Test
    void anOldVersionIsTheRenderedPageUnderABanner() throws Exception {
        String body = wiki.get("/_version/Guide.md?at=" + wiki.created.name()).body();
        assertTrue(body.contains("The quick brown fox jumps"), body);
        assertTrue(body.contains("An old version of <code>Guide.md</code>"), body);
        assertTrue(body.contains("by Ann"), body);
        assertTrue(body.contains("href=\"../Guide.html\">current page</a>"), "the old name redirects: " + body);
        String home = wiki.get("/_version/Home.md?at=" + wiki.created.name()).body();
        assertTrue(home.contains("href=\"../Guide.html\""), "a wiki link resolved as it was, one folder up: " + home);
    }

    @Test
    void aPageIsFoundUnderItsPresentNameInOlderCommits() throws Exception {
        String body = wiki.get("/_version/Manual.md?at=" + wiki.created.name()).body();
        assertTrue(body.contains("The quick brown fox jumps"), body);
        String compare = wiki.get("/_compare/Manual.md?from=" + wiki.created.name() + "&to=" + wiki.renamed.name())
                .body();
        assertTrue(compare.contains("<del>brown</del>"), compare);
        assertTrue(compare.contains("<ins>red</ins>"), compare);
    }

    @Test
    void hostileAuthorsMessagesAndPagesAreEscaped() throws Exception {
        String body = wiki.get("/_version/Guide.md?at=" + wiki.edited.name()).body();
        assertFalse(body.contains("<script>alert(1)"), body);
        assertFalse(body.contains("<img src=x"), body);
        assertTrue(body.contains("Eve &amp; &quot;Co&quot;"), body);
        assertTrue(body.contains("&lt;img src=x onerror=alert(2)&gt; faster fox"), body);
        assertTrue(body.contains("href=\"../Home.html\""), "a relative link works one folder down: " + body);
        String xss = wiki.get("/_version/Xss.md?at=" + wiki.renamed.name()).body();
        assertFalse(xss.contains("<script>alert(3)"), xss);
        assertFalse(xss.contains("onclick"), xss);
        assertFalse(xss.contains("href=\"javascript:"), xss);
        String compare = wiki.get("/_compare/Xss.md?from=" + wiki.created.name() + "&to=" + wiki.renamed.name())
                .body();
        assertTrue(compare.contains("did not exist in the older version"), compare);
        assertTrue(compare.contains("&lt;script&gt;alert(3)&lt;/script&gt;"), compare);
        assertFalse(compare.contains("<script>alert(3)"), compare);
        assertFalse(compare.contains("<b onclick"), compare);
        String edit = wiki.get("/_compare/Guide.md?from=" + wiki.created.name() + "&to=" + wiki.edited.name())
                .body();
        assertFalse(edit.contains("<img src=x"), edit);
    }

    @Test
    void aDeletedPageKeepsItsLastVersionAndHistory() throws Exception {
        assertEquals(404, wiki.get("/_version/Xss.md?at=" + wiki.deleted.name()).status());
        assertEquals(200, wiki.get("/_version/Xss.md?at=" + wiki.renamed.name()).status());
        String gone = wiki.get("/_compare/Xss.md?from=" + wiki.renamed.name() + "&to=" + wiki.deleted.name()).body();
        assertTrue(gone.contains("deleted in this version"), gone);
        assertTrue(gone.contains("<del>"), gone);
        String history = Files.readString(site.resolve("_history/Xss.html"));
        assertTrue(history.contains("(deleted)"), history);
        assertTrue(history.contains("value=\"" + wiki.renamed.name() + "\" aria-label=\"Compare to "
                + wiki.renamed.name().substring(0, 12) + "\" checked"), "its last version is picked: " + history);
        assertTrue(history.contains("_version/Xss.md?at=" + wiki.renamed.name()), "its last version: " + history);
        assertFalse(Files.readString(site.resolve("_report.html")).contains("Xss"), "no link report entry");
        assertEquals(404, wiki.get("/_compare/Nothing.md?from=" + wiki.created.name() + "&to="
                + wiki.deleted.name()).status());
    }

    @Test
    void aBinaryPageIsNamedNotCompared() throws Exception {
        String compare = wiki.get("/_compare/Binary.md?from=" + wiki.created.name() + "&to=" + wiki.renamed.name())
                .body();
        assertTrue(compare.contains("holds binary data"), compare);
        assertTrue(compare.contains("git diff"), compare);
        String version = wiki.get("/_version/Binary.md?at=" + wiki.renamed.name()).body();
        assertTrue(version.contains("binary data"), version);
        assertFalse(version.contains("bin\0ary"), version);
    }

    @Test
    void hugePagesAreComparedByLineOrNotAtAll() throws Exception {
        String huge = wiki.get("/_compare/Huge.md?from=" + wiki.created.name() + "&to=" + wiki.renamed.name())
                .body();
        assertTrue(huge.contains("over the page size limit"), huge);
        assertTrue(wiki.get("/_version/Huge.md?at=" + wiki.renamed.name()).body().contains("over the size limit"));
        String byLine = wiki.get("/_compare/Long.md?from=" + wiki.renamed.name() + "&to=" + wiki.deleted.name())
                .body();
        assertTrue(byLine.contains("too large to compare word by word"), byLine.substring(0, 3000));
        assertTrue(byLine.contains("<del>the end\n</del><ins>the new end\n</ins>"), "one line changed");
    }

    @Test
    void theBuiltSiteLinksHereAndRedirectsFormerNames() throws Exception {
        assertFalse(Files.exists(site.resolve("_history/Manual.html")), "a page's history is rendered on request");
        String history = wiki.get("/_history/Manual.html").body();
        assertTrue(history.contains("href=\"../_version/Guide.md?at=" + wiki.created.name() + "\""), history);
        assertTrue(history.contains("action=\"../_compare/Manual.md\""), history);
        String redirect = Files.readString(site.resolve("Guide.html"));
        assertTrue(redirect.contains("<meta http-equiv=\"refresh\" content=\"0; url=Manual.html\">"), redirect);
        assertTrue(redirect.contains("<meta name=\"robots\" content=\"noindex\">"), redirect);
        assertFalse(redirect.contains("<script"), redirect);
        assertTrue(Files.readString(site.resolve("_history/Guide.html")).contains("url=../_history/Manual.html"));
    }
}
