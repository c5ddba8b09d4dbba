package org.godshell.toaster.site.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * The built wiki-content in a real browser: headless Chromium loads pages from the wiki's web server and dumps the
 * DOM after the scripts ran. A reader follows links from home to a page, its history and a commit's diff; search
 * with {@code ?q=} must list results; the console must show no error (a Content-Security-Policy violation
 * included). Skipped without {@code chromium} on PATH, unless CI=true (.ci/run installs it).
 */
class BrowserTest {

    private static final Pattern CONSOLE = Pattern.compile("CONSOLE[^\\]]*\\] \"(.*)\", source: (.*)");

    /** Not site paths (the site's own names never start with "_browser"): the detector's self-check. */
    private static final String ERROR_PAGE = "_browser-test-error.html";
    private static final String ERROR_SCRIPT = "_browser-test-error.js";

    @TempDir
    Path temp;

    private Path chromium;
    private Path site;
    private Repository repository;

    @BeforeEach
    void setUp() throws IOException {
        chromium = Chromium.program();
        Path content = Path.of(System.getProperty("wiki.content", "../wiki-content"));
        Path edited = temp.resolve("edited");
        try (TestRepo repo = TestRepo.bare(temp.resolve("wiki.git"))) {
            repo.commitFolder(content, "wiki-content as committed", "Toaster Docs", TestRepo.EPOCH);
            for (TestRepo.Entry entry : TestRepo.entriesOf(content)) {
                Path file = edited.resolve(new String(entry.path(), StandardCharsets.UTF_8));
                Files.createDirectories(file.getParent());
                Files.write(file, entry.content());
            }
            Files.writeString(edited.resolve("Queue.md"), "\nA line added <by> the browser test.\n",
                    StandardOpenOption.APPEND);
            repo.commitFolder(edited, "Queue: one more line", "Ed Itor", TestRepo.EPOCH.plusSeconds(3600));
        }
        WikiBuilder.build(BuildOptions.of(temp.resolve("wiki.git"), "main", temp.resolve("site")));
        site = temp.resolve("site");
        // The detector's self-check: a page whose script fails. The wiki's own pages are never named so.
        Path build = site.toRealPath();
        Files.writeString(build.resolve(ERROR_PAGE), "<!DOCTYPE html><title>x</title><script src=\"" + ERROR_SCRIPT
                + "\"></script>");
        Files.writeString(build.resolve(ERROR_SCRIPT), "notDefinedAnywhere();\n");
    }

    @Test
    void aReaderGoesFromHomeToAPageToItsHistoryToADiff() throws Exception {
        WikiServer server = serve();
        try {
            String base = "http://127.0.0.1:" + server.httpAddresses().getFirst().getPort() + "/";
            Browsed home = browse(base + "index.html");
            assertEquals(List.of(), home.consoleErrors());
            String pageUrl = base + link(home.dom(), "Queue[^\"]*\\.html");
            Browsed page = browse(pageUrl);
            assertTrue(page.dom().contains("Ed Itor"), "last edited by the second commit's author");
            assertEquals(List.of(), page.consoleErrors());
            String historyUrl = resolve(pageUrl, link(page.dom(), "[^\"]*_history/Queue\\.html"));
            Browsed history = browse(historyUrl);
            assertTrue(history.dom().contains("Queue: one more line"), () -> history.dom());
            assertEquals(List.of(), history.consoleErrors());
            String commitUrl = resolve(historyUrl, link(history.dom(), "[^\"]*_commit/[0-9a-f]{40}\\.html"));
            Browsed diff = browse(commitUrl);
            assertTrue(diff.dom().contains("<span class=\"wiki-diff-add\">+A line added &lt;by&gt; the browser "
                    + "test.</span>"), () -> diff.dom());
            assertEquals(List.of(), diff.consoleErrors());
        } finally {
            server.stop();
        }
    }

    /** The first href in {@code dom} matching {@code pattern}. */
    private static String link(String dom, String pattern) {
        Matcher href = Pattern.compile("href=\"(" + pattern + ")\"").matcher(dom);
        assertTrue(href.find(), () -> "no link matching " + pattern + " in:\n" + dom);
        return href.group(1);
    }

    private static String resolve(String from, String href) {
        return URI.create(from).resolve(href).toString();
    }

    @Test
    void searchFromTheQueryStringListsResultsWithoutConsoleErrors() throws Exception {
        WikiServer server = serve();
        try {
            String base = "http://127.0.0.1:" + server.httpAddresses().getFirst().getPort() + "/";
            Browsed search = browse(base + "_search.html?q=queue");
            assertTrue(search.dom().contains("page(s) found."), () -> "search status:\n" + search.dom());
            Matcher results = Pattern.compile("<ol id=\"wiki-search-results\">(.*?)</ol>", Pattern.DOTALL)
                    .matcher(search.dom());
            assertTrue(results.find(), "the result list");
            assertTrue(results.group(1).contains("<li><a href="), () -> "results: " + results.group(1));
            assertEquals(List.of(), search.consoleErrors());

            Browsed none = browse(base + "_search.html?q=queue+zzqqxxnotaword");
            assertTrue(none.dom().contains("No page has every word."), () -> none.dom());
            assertEquals(List.of(), none.consoleErrors());

            // The detector itself: a page of the test server's own with a script error must be caught.
            Browsed broken = browse(base + ERROR_PAGE);
            assertTrue(broken.consoleErrors().stream().anyMatch(line -> line.contains("notDefinedAnywhere")),
                    () -> "console lines: " + broken.consoleErrors());

            Browsed home = browse(base + "index.html");
            assertTrue(home.dom().contains("Godshell Toaster"), "the home page rendered");
            assertEquals(List.of(), home.consoleErrors());
        } finally {
            server.stop();
        }
    }

    /** The DOM after the scripts ran, and the console messages. */
    record Browsed(String dom, List<String> consoleErrors) {
    }

    private Browsed browse(String url) throws IOException, InterruptedException {
        Path log = temp.resolve("chromium.log");
        Path dom = temp.resolve("dom.html");
        ProcessBuilder builder = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--no-first-run", "--disable-extensions", "--disable-dev-shm-usage",
                "--user-data-dir=" + temp.resolve("profile"), "--enable-logging=stderr", "--v=0",
                "--virtual-time-budget=5000", "--dump-dom", url)
                .redirectOutput(dom.toFile()).redirectError(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                        new File("/dev/null")));
        Process process = builder.start();
        if (!process.waitFor(25, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("chromium did not finish in 25 s:\n" + Files.readString(log));
        }
        String errors = Files.readString(log, StandardCharsets.UTF_8);
        // Chromium logs every console message as INFO, console.error and uncaught exceptions alike; the wiki's
        // script logs nothing, so any console line is an error.
        List<String> console = errors.lines().filter(line -> line.contains(":CONSOLE")).toList();
        assertEquals(0, process.exitValue(), () -> "chromium failed:\n" + errors);
        return new Browsed(Files.readString(dom, StandardCharsets.UTF_8), console.stream().map(line -> {
            Matcher m = CONSOLE.matcher(line);
            return m.find() ? m.group(1) + " (" + m.group(2) + ")" : line;
        }).toList());
    }

    @AfterEach
    void closeRepository() {
        if (repository != null) {
            repository.close();
        }
    }

    /**
     * The wiki's own web server over the built site, with its headers (the Content-Security-Policy among them), and
     * the commit and history pages it renders on request.
     */
    private WikiServer serve() throws Exception {
        repository = WikiRepository.open(temp.resolve("wiki.git"));
        WikiServer server = new WikiServer(new WikiServer.Settings(site,
                List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), List.of(), Optional.empty(),
                "localhost"), Optional.of(OnRequest.routes(site, repository)), line -> { });
        server.start();
        return server;
    }
}
