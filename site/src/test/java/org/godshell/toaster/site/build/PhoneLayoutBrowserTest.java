package org.godshell.toaster.site.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;
import org.godshell.toaster.site.TestRepo;
import org.godshell.toaster.site.browser.Chromium;
import org.godshell.toaster.site.onrequest.OnRequest;
import org.godshell.toaster.site.serve.WikiServer;
import org.godshell.toaster.site.source.WikiRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built wiki-content as a phone (390 × 844 CSS pixels) and a desktop show it, in headless Chromium driven over
 * the DevTools Protocol against the wiki's own server (so under its Content-Security-Policy): the Menu button
 * opens the page list above the text, the table of contents is folded, history's commit column stays on screen,
 * code blocks have a copy button and coloured spans, and no page logs an error.
 */
class PhoneLayoutBrowserTest {

    @TempDir
    Path temp;

    private Path site;
    private Repository repository;

    @BeforeEach
    void build() throws Exception {
        Path content = Path.of(System.getProperty("wiki.content", "../wiki-content"));
        try (TestRepo repo = TestRepo.bare(temp.resolve("wiki.git"))) {
            repo.commitFolder(content, "wiki-content as committed", "Toaster Docs", TestRepo.EPOCH);
        }
        WikiBuilder.build(BuildOptions.of(temp.resolve("wiki.git"), "main", temp.resolve("site")));
        site = temp.resolve("site");
    }

    @Test
    void onAPhoneTheMenuOpensTheNavigationAndTheTableOfContentsIsFolded() throws Exception {
        WikiServer server = serve();
        try (Chromium browser = Chromium.start(temp)) {
            String base = base(server);
            browser.viewport(390, 844).open(base + "Queue.html");
            assertEquals("390", browser.eval("window.innerWidth"));
            assertEquals("true", browser.eval(shown(".wiki-menu")), "the Menu button is visible");
            assertEquals("false", browser.eval(shown("#wiki-nav")), "the page list waits behind the button");
            assertEquals("false", browser.eval(attribute(".wiki-menu", "aria-expanded")));
            browser.click(".wiki-menu").waitFor(shown("#wiki-nav"));
            assertEquals("true", browser.eval(attribute(".wiki-menu", "aria-expanded")));
            assertEquals("true", browser.eval("document.getElementById('wiki-nav').getBoundingClientRect().bottom"
                    + " <= document.getElementById('wiki-main').getBoundingClientRect().top"), "above the text");
            assertEquals("true", browser.eval("document.querySelector('#wiki-nav a[href=\"Queue.html\"]')"
                    + ".getBoundingClientRect().width > 0"), "the current page is listed, its section open");
            browser.click(".wiki-menu").waitFor("!(" + shown("#wiki-nav") + ")");

            assertEquals("false", browser.eval("document.querySelector('.wiki-toc').open"), "folded on a phone");
            assertEquals("H1", browser.eval("document.querySelector('.wiki-toc').previousElementSibling.tagName"),
                    "right after the title");
            assertEquals("true", browser.eval("document.documentElement.scrollWidth <= window.innerWidth"),
                    "nothing wider than the phone");
            assertEquals(List.of(), browser.consoleErrors());
        } finally {
            server.stop();
        }
    }

    @Test
    void codeBlocksAreColouredAndCanBeCopied() throws Exception {
        WikiServer server = serve();
        try (Chromium browser = Chromium.start(temp)) {
            browser.viewport(390, 844).open(base(server) + "Quick-start.html");
            assertEquals(browser.eval("document.querySelectorAll('pre').length"),
                    browser.eval("document.querySelectorAll('.wiki-code > pre + button.wiki-copy').length"),
                    "a copy button on every code block");
            assertEquals("true", browser.eval("document.querySelectorAll('pre code.language-sh.hljs "
                    + "span[class^=hljs-]').length > 0"), "sh blocks are coloured");
            assertEquals("0", browser.eval("document.querySelectorAll('code.language-text.hljs, "
                    + "pre code:not([class*=language-]).hljs').length"), "text and unnamed blocks stay plain");
            // Headless Chromium grants no clipboard to a script, so the two ways nav.js copies are stood in for
            // here: what is asked to be copied and what the button says are the page's own. The button's label
            // goes back to "Copy" after a while; that timer is stopped so no assertion races it.
            String firstBlock = "document.querySelector('.wiki-code pre').textContent";
            browser.eval("(() => { window.setTimeout = () => 0; return true; })()");
            browser.eval("(() => { navigator.clipboard.writeText = text => { window.copied = text; "
                    + "return Promise.resolve(); }; return true; })()");
            browser.click(".wiki-copy").waitFor("document.querySelector('.wiki-copy').textContent !== 'Copy'");
            assertEquals("Copied", browser.eval("document.querySelector('.wiki-copy').textContent"));
            assertEquals("true", browser.eval("window.copied === " + firstBlock), "the block's text, no more");
            assertEquals("Copied to the clipboard", browser.eval("document.querySelector('.wiki-code "
                    + "[role=status]').textContent"), "said to screen readers too");

            browser.eval("(() => { navigator.clipboard.writeText = () => Promise.reject(new Error('denied')); "
                    + "document.execCommand = command => command === 'copy'; return true; })()");
            browser.eval("document.querySelectorAll('.wiki-copy')[1].click()");
            browser.waitFor("document.querySelectorAll('.wiki-copy')[1].textContent !== 'Copy'");
            assertEquals("Copied", browser.eval("document.querySelectorAll('.wiki-copy')[1].textContent"),
                    "a refused clipboard falls back to the copy command");

            browser.eval("(() => { document.execCommand = () => false; return true; })()");
            browser.eval("document.querySelectorAll('.wiki-copy')[2].click()");
            browser.waitFor("document.querySelectorAll('.wiki-copy')[2].textContent !== 'Copy'");
            assertEquals("Select and copy", browser.eval("document.querySelectorAll('.wiki-copy')[2].textContent"),
                    "when both are refused the reader is told to copy by hand");
            assertEquals(List.of(), browser.consoleErrors());
        } finally {
            server.stop();
        }
    }

    @Test
    void historyAndRecentChangesKeepTheCommitOnAPhone() throws Exception {
        WikiServer server = serve();
        try (Chromium browser = Chromium.start(temp)) {
            String base = base(server);
            for (String page : List.of("_history/Queue.html", "_recent.html")) {
                browser.viewport(390, 844).open(base + page);
                String commit = "document.querySelector('a[href*=\"_commit/\"] code').getBoundingClientRect()";
                assertEquals("true", browser.eval(commit + ".width > 0 && " + commit + ".right <= window.innerWidth"),
                        () -> page + ": the commit is on screen");
                assertEquals("true", browser.eval("document.documentElement.scrollWidth <= window.innerWidth"),
                        () -> page + ": nothing wider than the phone");
                assertEquals(List.of(), browser.consoleErrors());
            }
        } finally {
            server.stop();
        }
    }

    @Test
    void onADesktopTheNavigationAndTheTableOfContentsAreOpen() throws Exception {
        WikiServer server = serve();
        try (Chromium browser = Chromium.start(temp)) {
            browser.viewport(1280, 800).open(base(server) + "Queue.html");
            assertEquals("false", browser.eval(shown(".wiki-menu")), "no Menu button");
            assertEquals("true", browser.eval(shown("#wiki-nav")));
            assertEquals("true", browser.eval("document.querySelector('.wiki-toc').open"));
            assertEquals(List.of(), browser.consoleErrors());
        } finally {
            server.stop();
        }
    }

    /** A script expression: the element is rendered (not display:none, itself or an ancestor). */
    private static String shown(String selector) {
        return "document.querySelector('" + selector + "').getClientRects().length > 0";
    }

    private static String attribute(String selector, String name) {
        return "document.querySelector('" + selector + "').getAttribute('" + name + "')";
    }

    private static String base(WikiServer server) {
        return "http://127.0.0.1:" + server.httpAddresses().getFirst().getPort() + "/";
    }

    /** The wiki's own web server over the built site, with its headers (the Content-Security-Policy among them). */
    /** The wiki's own server, with the history and commit pages it renders on request. */
    private WikiServer serve() throws Exception {
        repository = WikiRepository.open(temp.resolve("wiki.git"));
        WikiServer server = new WikiServer(new WikiServer.Settings(site,
                List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), List.of(), Optional.empty(),
                "localhost"), Optional.of(OnRequest.routes(site, repository)), line -> { });
        server.start();
        return server;
    }

    @AfterEach
    void close() {
        if (repository != null) {
            repository.close();
        }
    }
}
