package org.godshell.toaster.site.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.godshell.toaster.site.TestRepo;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built wiki-content in a real browser: headless Chromium loads pages from a small HTTP server over the
 * built site and dumps the DOM after the scripts ran. Search with {@code ?q=} must list results, and the console
 * must show no error. Skipped without {@code chromium} on PATH, unless CI=true (.ci/run installs it).
 */
class BrowserTest {

    private static final Pattern CONSOLE = Pattern.compile("CONSOLE[^\\]]*\\] \"(.*)\", source: (.*)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "json", "application/json", "atom", "application/atom+xml", "xml", "application/xml");

    /** Not a site path (the site's own names never start with "_browser"): the detector's self-check. */
    private static final String ERROR_PAGE = "_browser-test-error.html";

    @TempDir
    Path temp;

    private Path chromium;
    private Path site;

    @BeforeEach
    void setUp() throws IOException {
        Optional<Path> found = onPath("chromium");
        if (found.isEmpty() && "true".equals(System.getenv("CI"))) {
            fail("chromium is missing; .ci/run installs Debian's chromium");
        }
        Assumptions.assumeTrue(found.isPresent(), "chromium not on PATH");
        chromium = found.get();
        Path content = Path.of(System.getProperty("wiki.content", "../wiki-content"));
        try (TestRepo repo = TestRepo.bare(temp.resolve("wiki.git"))) {
            repo.commitFolder(content, "wiki-content as committed", "Toaster Docs", TestRepo.EPOCH);
        }
        WikiBuilder.build(BuildOptions.of(temp.resolve("wiki.git"), "main", temp.resolve("site")));
        site = temp.resolve("site").toRealPath();
    }

    @Test
    void searchFromTheQueryStringListsResultsWithoutConsoleErrors() throws Exception {
        HttpServer server = serve();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
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
            server.stop(0);
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

    private HttpServer serve() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::answer);
        server.start();
        return server;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
            if (path.equals("/" + ERROR_PAGE)) {
                byte[] body = "<!DOCTYPE html><title>x</title><script>notDefinedAnywhere();</script>"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", TYPES.get("html"));
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            Path file = site.resolve(path.substring(1)).normalize();
            if (!file.startsWith(site) || !Files.isRegularFile(file)) {
                file = site.resolve("404.html");
                send(exchange, 404, file);
                return;
            }
            send(exchange, 200, file);
        }
    }

    private static void send(HttpExchange exchange, int status, Path file) throws IOException {
        byte[] body = Files.readAllBytes(file);
        String name = file.getFileName().toString();
        String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Optional<Path> onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
