package org.godshell.toaster.site.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.godshell.toaster.site.browser.Chromium;
import org.godshell.toaster.site.serve.WikiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search page of the built wiki-content in headless Chromium, served by the wiki's own server with the
 * search route: queries from the relevance set list the right page first, at its section, with a marked snippet,
 * and without a console error; with the server's search broken, the page falls back to the static index.
 */
class SearchBrowserTest {

    @TempDir
    static Path temp;
    private static Path site;
    private static WikiServer server;

    @BeforeAll
    static void publish() throws Exception {
        site = PublishedWiki.build(temp);
        server = serve(site);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    private static WikiServer serve(Path published) throws Exception {
        WikiServer started = new WikiServer(new WikiServer.Settings(published,
                List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), List.of(), Optional.empty(),
                "localhost"), Optional.of(new SearchRoute(new LiveIndex(published, line -> { }), line -> { })),
                line -> { });
        started.start();
        return started;
    }

    private static String base(WikiServer on) {
        return "http://127.0.0.1:" + on.httpAddresses().getFirst().getPort() + "/";
    }

    @Test
    void queriesFromTheRelevanceSetShowTheirPageFirstWithASnippet() throws Exception {
        try (Chromium browser = Chromium.start(temp.resolve("browser-1"))) {
            for (List<String> expected : List.of(List.of("greylisting", "Plugin: greylist", "Plugin-greylist.html#"),
                    List.of("renew certificate", "Certificates (ACME)", "Certificates-ACME.html#"),
                    List.of("port 587", "SMTP AUTH", "SMTP-AUTH.html#"))) {
                String query = URLEncoder.encode(expected.get(0), StandardCharsets.UTF_8);
                browser.open(base(server) + "_search.html?q=" + query);
                assertFirst(browser, expected.get(1), expected.get(2));
            }
            // as a reader does it: typing into the search page's own form
            browser.type("#wiki-search-page", "how do I add a user").clickAndWait("#wiki-main form button");
            assertFirst(browser, "Users and domains", "Users-and-domains.html#");
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    private static void assertFirst(Chromium browser, String title, String href) {
        browser.waitFor("document.getElementById('wiki-search-status').textContent.endsWith('found.')");
        String first = "document.querySelector('#wiki-search-results li')";
        assertEquals(title, browser.eval(first + ".querySelector('a').textContent"));
        assertTrue(browser.eval(first + ".querySelector('a').getAttribute('href')").startsWith(href),
                () -> browser.eval(first + ".outerHTML"));
        String marks = browser.eval(first + ".querySelectorAll('.wiki-search-snippet mark').length");
        assertTrue(Integer.parseInt(marks) > 0, () -> "a marked snippet: " + browser.eval(first + ".outerHTML"));
        assertEquals("0", browser.eval(first + ".querySelectorAll('script, [onerror], [onclick]').length"));
    }

    @Test
    void withoutTheDocumentsFileThePageFallsBackToTheStaticIndex() throws Exception {
        Path copy = temp.resolve("broken-site");
        Path built = site.toRealPath();
        try (Stream<Path> files = Files.walk(built)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(built.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!file.endsWith(DocumentsFile.PATH)) {
                    Files.copy(file, target);
                }
            }
        }
        WikiServer broken = serve(copy);
        try (Chromium browser = Chromium.start(temp.resolve("browser-2"))) {
            browser.open(base(broken) + "_search.html?q=greylisting");
            browser.waitFor("document.getElementById('wiki-search-status').textContent.endsWith('found.')");
            assertTrue(browser.eval("document.getElementById('wiki-search-results').textContent")
                    .contains("Plugin: greylist"));
            assertEquals("0", browser.eval("document.querySelectorAll('.wiki-search-snippet').length"),
                    "the static index has no snippets");
            List<String> errors = browser.consoleErrors();
            assertTrue(errors.stream().allMatch(error -> error.contains("503") && error.contains("_api/search")),
                    () -> "only the server's 503: " + errors);
        } finally {
            broken.stop();
        }
    }
}
