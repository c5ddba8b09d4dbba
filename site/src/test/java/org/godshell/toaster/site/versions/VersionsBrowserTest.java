package org.godshell.toaster.site.versions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.godshell.toaster.site.browser.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader in headless Chromium, against the wiki's own server with its security headers: from a page's history
 * to an old version, to a comparison of two versions picked in the form, and from a renamed page's old address
 * to the page. No console or Content-Security-Policy error on the way. Skipped without chromium unless CI=true.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VersionsBrowserTest {

    VersionsFixture wiki;
    Chromium browser;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        wiki = new VersionsFixture(dir);
        browser = Chromium.start(dir);
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        wiki.close();
    }

    @Test
    void fromTheHistoryToAnOldVersion() {
        at(browser.open(wiki.url("/_history/Manual.html")), "/_history/Manual.html");
        assertEquals("3", browser.eval("document.querySelectorAll('a.wiki-view').length"));
        at(browser.clickAndWait("a.wiki-view[href$='at=" + wiki.created.name() + "']"), "/_version/Guide.md");
        assertTrue(browser.eval("document.querySelector('.wiki-old-version').textContent")
                .startsWith("An old version of Guide.md"));
        assertTrue(browser.eval("document.querySelector('.wiki-article').textContent").contains("quick brown fox"));
        at(browser.clickAndWait(".wiki-old-version a[href$='Guide.html']"), "/Manual.html");
        assertEquals("[]", browser.consoleErrors().toString());
    }

    @Test
    void twoVersionsPickedInTheFormAreCompared() {
        at(browser.open(wiki.url("/_history/Manual.html")), "/_history/Manual.html");
        browser.click("input[name=from][value='" + wiki.created.name() + "']");
        browser.click("input[name=to][value='" + wiki.renamed.name() + "']");
        at(browser.clickAndWait("form.wiki-compare button[type=submit]"), "/_compare/Manual.md");
        assertEquals("brown", browser.eval("document.querySelector('pre.wiki-wdiff del').textContent"));
        assertEquals("red", browser.eval("document.querySelector('pre.wiki-wdiff ins').textContent"));
        assertEquals("0", browser.eval("document.querySelectorAll('pre.wiki-wdiff script, pre.wiki-wdiff img')"
                + ".length"));
        assertEquals("[]", browser.consoleErrors().toString());
    }

    @Test
    void aRenamedPagesOldAddressLeadsToThePage() {
        at(browser.open(wiki.url("/Guide.html")), "/Manual.html");
        assertTrue(browser.eval("document.querySelector('h1').textContent").contains("Guide"));
        assertEquals("[]", browser.consoleErrors().toString());
    }

    /**
     * Waits for the page at {@code path} to be loaded. A redirect's refresh loads a second page after the first
     * one's load event, so a load event alone may be the previous page's: the address and state are checked.
     */
    private static void at(Chromium browser, String path) {
        browser.waitFor("location.pathname.endsWith('" + path + "') && document.readyState === 'complete'");
    }
}
