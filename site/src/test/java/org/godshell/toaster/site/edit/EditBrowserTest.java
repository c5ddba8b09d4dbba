package org.godshell.toaster.site.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.godshell.toaster.site.browser.Chromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The editor in headless Chromium against the wiki's own server (its Content-Security-Policy included): from a
 * page's Edit link through the login to the editor, the live preview as one types, Save and the new version, a
 * conflicting edit, and a page created from a red link; the console shows no error (a blocked script would).
 * A form on another origin that posts a save in the editor's name is refused.
 */
class EditBrowserTest {

    @TempDir
    Path tmp;
    EditFixture wiki;
    Chromium browser;

    @BeforeEach
    void start() throws Exception {
        wiki = new EditFixture(tmp.resolve("wiki"));
        browser = Chromium.start(tmp);
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        wiki.close();
    }

    private String text(String selector) {
        return browser.eval("document.querySelector('" + selector + "').textContent");
    }

    private void logIn() {
        assertTrue(browser.eval("location.pathname").equals("/_login"), browser.eval("location.href"));
        browser.type("#wiki-login-user", EditFixture.EDITOR).type("#wiki-login-password", EditFixture.PASSWORD)
                .clickAndWait("main form button[type=submit]");
    }

    @Test
    void logInEditPreviewSaveConflictAndCreateFromARedLink() throws Exception {
        browser.open(wiki.url + "/Other-Page.html").clickAndWait(".wiki-edit-link a");
        logIn();
        assertEquals("/_edit/Other-Page.md", browser.eval("location.pathname"), browser.dom());
        assertTrue(browser.eval("document.getElementById('wiki-edit-text').value").contains("line two"));

        browser.type("#wiki-edit-text", "# Other page\n\nedited in **chromium**, see [[Brand New]]\n")
                .waitFor("document.querySelector('#wiki-edit-preview strong') !== null");
        assertEquals("chromium", text("#wiki-edit-preview strong"));
        assertEquals("../_edit/Brand-New.md", browser.eval(
                "document.querySelector('#wiki-edit-preview a.wiki-missing').getAttribute('href')"));
        browser.type("#wiki-edit-message", "from the browser").clickAndWait("button[value=save]");
        assertTrue(text("h1").startsWith("Saved"), browser.dom());
        browser.clickAndWait("#wiki-saved-page");
        assertEquals("/Other-Page.html", browser.eval("location.pathname"));
        assertTrue(text("article").contains("edited in chromium"), browser.dom());

        // someone else saves the same line while this editor is open
        browser.clickAndWait(".wiki-edit-link a");
        EditFixture.Browser other = wiki.browser();
        other.login(EditFixture.EDITOR, EditFixture.PASSWORD);
        other.save(other.open("Other-Page.md"), "# Other page\n\nedited elsewhere, see [[Brand New]]\n", "other");
        browser.type("#wiki-edit-text", "# Other page\n\nedited again in chromium, see [[Brand New]]\n")
                .clickAndWait("button[value=save]");
        assertTrue(browser.dom().contains("Their change since you started"), browser.dom());
        String merged = browser.eval("document.getElementById('wiki-edit-text').value");
        assertTrue(merged.contains("<<<<<<< yours") && merged.contains("edited elsewhere"), merged);
        assertEquals(1, browser.consoleErrors().size(), "the conflict's 409, logged by the browser");
        assertTrue(wiki.browser().get("/Other-Page.html").body().contains("edited elsewhere"), "kept");

        browser.open(wiki.url + "/Other-Page.html").clickAndWait("a.wiki-missing");
        assertEquals("/_edit/Brand-New.md", browser.eval("location.pathname"));
        assertTrue(text("h1").startsWith("Creating"), browser.dom());
        browser.type("#wiki-edit-text", "# Brand new\n\nmade from a red link\n").clickAndWait("button[value=save]");
        browser.clickAndWait("#wiki-saved-page");
        assertTrue(text("article").contains("made from a red link"), browser.dom());
        // the conflict page's 409 is the one status the browser logs as a failed load; nothing else may show
        assertEquals(List.of(), browser.consoleErrors().stream().filter(e -> !e.contains("status of 409")).toList());
    }

    /**
     * Another site's page holding a form that posts a save to this wiki, sent by the logged-in editor's browser:
     * from another port of the same host (same-site: the cookie goes along, Origin and Sec-Fetch-Site refuse it)
     * and from another address (cross-site: the SameSite=Strict cookie stays home too). Nothing is saved.
     */
    @Test
    void aFormOnAnotherOriginCannotSave() throws Exception {
        browser.open(wiki.url + "/Other-Page.html").clickAndWait(".wiki-edit-link a");
        logIn();
        String base = browser.eval("document.querySelector('input[name=base]').value");
        String token = browser.eval("document.querySelector('input[name=csrf]').value");
        ObjectId before = wiki.main();
        byte[] page = ("<!DOCTYPE html><title>prize</title><form method=post action=\"" + wiki.url
                + "/_edit/Other-Page.md\"><input name=csrf value=\"" + token + "\"><input name=base value=\"" + base
                + "\"><input name=text value=pwned><input name=message value=pwned>"
                + "<button id=go name=do value=save>Win</button></form>").getBytes(StandardCharsets.UTF_8);
        for (String host : List.of("127.0.0.1", "127.0.0.2")) {
            // a plain server, without the wiki's policy (whose form-action 'self' would stop the form at home)
            HttpServer other = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), 0), 0);
            other.createContext("/", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
                exchange.close();
            });
            other.start();
            try {
                browser.open("http://" + host + ":" + other.getAddress().getPort() + "/").clickAndWait("#go");
                assertTrue(browser.eval("location.href").startsWith(wiki.url + "/_edit/"), browser.eval("location.href"));
                assertTrue(text("h1").equals("Refused") || text("h1").equals("Not logged in"), browser.dom());
            } finally {
                other.stop(0);
            }
        }
        assertEquals(before, wiki.main(), "nothing was saved");
        assertTrue(!wiki.browser().get("/Other-Page.html").body().contains("pwned"));
    }
}
