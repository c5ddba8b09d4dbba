package org.godshell.toaster.site.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.site.serve.WikiServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DevTools driver itself, on pages of the wiki's own server (so under its Content-Security-Policy): typing
 * fires input events, a click runs the page's script, a submit loads the next page, the viewport is a phone's,
 * and a script the policy blocks shows up as an error.
 */
class ChromiumTest {

    @TempDir
    Path temp;

    @Test
    void typesClicksFollowsFormsResizesAndReportsBlockedScripts() throws Exception {
        Path site = Files.createDirectories(temp.resolve("site"));
        Files.writeString(site.resolve("index.html"), """
                <!DOCTYPE html><html><head><title>t</title><meta name="viewport" content="width=device-width">
                <script src="app.js" defer></script></head><body>
                <input id="name"><span id="echo"></span><button id="go" type="button">go</button>
                <p id="out"></p><form action="next.html" method="get"><input name="q" id="q">
                <button id="send">send</button></form></body></html>
                """);
        Files.writeString(site.resolve("app.js"), """
                document.getElementById('name').addEventListener('input', e => {
                    document.getElementById('echo').textContent = e.target.value; });
                document.getElementById('go').addEventListener('click', () => {
                    document.getElementById('out').textContent = 'clicked ' + window.innerWidth; });
                """);
        Files.writeString(site.resolve("next.html"), "<!DOCTYPE html><title>next</title><p id=n>arrived</p>");
        Files.writeString(site.resolve("inline.html"),
                "<!DOCTYPE html><title>inline</title><script>document.title = 'ran';</script>");
        WikiServer server = new WikiServer(new WikiServer.Settings(site,
                List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), List.of(), Optional.empty(),
                "localhost"), Optional.empty(), line -> { });
        server.start();
        try (Chromium browser = Chromium.start(temp)) {
            String base = "http://127.0.0.1:" + server.httpAddresses().getFirst().getPort() + "/";
            browser.viewport(390, 844).open(base + "index.html");
            browser.type("#name", "Ed <b>").waitFor("document.getElementById('echo').textContent === 'Ed <b>'");
            browser.click("#go").waitFor("document.getElementById('out').textContent !== ''");
            assertEquals("clicked 390", browser.eval("document.getElementById('out').textContent"));
            browser.type("#q", "a b").clickAndWait("#send");
            assertTrue(browser.eval("location.href").endsWith("/next.html?q=a+b"), browser.eval("location.href"));
            assertEquals("arrived", browser.eval("document.getElementById('n').textContent"));
            assertEquals(List.of(), browser.consoleErrors());

            browser.open(base + "inline.html");
            assertEquals("inline", browser.eval("document.title"), "the policy stopped the inline script");
            assertTrue(browser.consoleErrors().stream().anyMatch(e -> e.contains("Content Security Policy")),
                    () -> "errors: " + browser.consoleErrors());
        } finally {
            server.stop();
        }
    }

    @Test
    void jsonOfTheProtocolIsReadStrictly() throws IOException {
        assertEquals(List.of(1.0, "a\"\u00e9", true), MiniJson.parse("[1, \"a\\\"\\u00e9\", true]"));
        for (String bad : List.of("", "[1,", "{\"a\" 1}", "\"open", "[1] x", "tru", "\"\\q\"", "\"\\u12\"")) {
            try {
                MiniJson.parse(bad);
                throw new AssertionError("accepted " + bad);
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage().startsWith("JSON: "), expected.getMessage());
            }
        }
        assertEquals("\"<\\u000a\\\\\"", MiniJson.quote("<\n\\"));
    }
}
