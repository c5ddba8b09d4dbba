package org.godshell.toaster.site.browser;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium driven over the DevTools Protocol, for tests that click, type and resize as a reader does:
 * one browser, one tab. Waits are for events or conditions, never for a fixed time; the only clocks are
 * generous limits that turn a stuck browser into a failure instead of a hang. Without {@code chromium} on PATH
 * the test is skipped, unless CI=true ({@code .ci/run} installs Debian's chromium).
 */
public final class Chromium implements AutoCloseable {

    /** Far beyond what a page of the wiki's own server takes, even on a loaded machine. */
    private static final long LIMIT_MILLIS = 60_000;

    private final Process process;
    private final DevTools tools;

    private Chromium(Process process, DevTools tools) {
        this.process = process;
        this.tools = tools;
    }

    /** Starts a browser with its profile under {@code temp}; skips the test without chromium, fails in CI. */
    public static Chromium start(Path temp) throws IOException, InterruptedException {
        Path program = program();
        Path profile = Files.createDirectories(temp.resolve("chromium-profile"));
        Path log = temp.resolve("chromium-devtools.log");
        ProcessBuilder builder = new ProcessBuilder(program.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--no-first-run", "--disable-extensions", "--disable-dev-shm-usage",
                "--disable-background-networking", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                "about:blank").redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // its own temporary files (the profile's lock socket among them) go with the test's folder, not /tmp
        builder.environment().put("TMPDIR", Files.createDirectories(temp.resolve("chromium-tmp")).toString());
        Process process = builder.start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            until(() -> Files.isRegularFile(portFile) && lines(portFile).size() >= 2 || !process.isAlive(),
                    "chromium to open its DevTools port");
            if (!process.isAlive()) {
                fail("chromium stopped at start:\n" + Files.readString(log));
            }
            int port = Integer.parseInt(lines(portFile).getFirst().strip());
            Chromium browser = new Chromium(process, DevTools.connect(pageTarget(port)));
            browser.enable();
            return browser;
        } catch (ExecutionException e) {
            stop(process);
            throw new IOException("no DevTools connection to chromium", e);
        } catch (IOException | RuntimeException | Error e) {
            stop(process);
            throw e;
        }
    }

    /** Loads {@code url} and waits for its load event (scripts marked {@code defer} have run by then). */
    public Chromium open(String url) {
        navigateThen(() -> tools.call("Page.navigate", Map.of("url", url)));
        return this;
    }

    /** The value of a JavaScript expression, as a string ({@code String(value)}; promises are awaited). */
    public String eval(String expression) {
        Map<String, Object> result = tools.call("Runtime.evaluate", Map.of("expression",
                "(async () => String(await (" + expression + ")))()", "awaitPromise", true, "returnByValue", true));
        if (result.get("exceptionDetails") instanceof Map<?, ?> details) {
            throw new IllegalStateException("script failed: " + expression + ": " + describe(details));
        }
        return String.valueOf(((Map<?, ?>) result.get("result")).get("value"));
    }

    /** Clicks the first element matching a CSS selector; it must exist. */
    public Chromium click(String selector) {
        requireElement(selector);
        eval("document.querySelector(" + MiniJson.quote(selector) + ").click()");
        return this;
    }

    /** Clicks an element whose action loads a new page (a link, a submit button) and waits for that page. */
    public Chromium clickAndWait(String selector) {
        requireElement(selector);
        navigateThen(() -> eval("document.querySelector(" + MiniJson.quote(selector) + ").click()"));
        return this;
    }

    /** Replaces a field's text as a user typing it would (input events included). */
    public Chromium type(String selector, String text) {
        requireElement(selector);
        eval("(() => { const e = document.querySelector(" + MiniJson.quote(selector) + "); e.focus(); "
                + "if (e.select) { e.select(); } return true; })()");
        tools.call("Input.insertText", Map.of("text", text));
        return this;
    }

    /** A window {@code width} × {@code height} CSS pixels as a phone shows it (touch, mobile viewport). */
    public Chromium viewport(int width, int height) {
        tools.call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", true));
        return this;
    }

    /** Waits until a JavaScript condition is true, for scripts that answer after a fetch. */
    public Chromium waitFor(String condition) {
        until(() -> "true".equals(eval("Boolean(" + condition + ")")), condition);
        return this;
    }

    /** The page's HTML as the scripts left it. */
    public String dom() {
        return eval("document.documentElement.outerHTML");
    }

    /**
     * Console errors, uncaught exceptions and browser errors (a Content-Security-Policy violation, a resource
     * that failed to load) since the start; the browser's own request for {@code /favicon.ico} is not counted.
     */
    public List<String> consoleErrors() {
        List<String> errors = new ArrayList<>();
        for (DevTools.Event event : tools.events()) {
            Map<String, Object> params = event.params();
            switch (event.method()) {
                case "Runtime.exceptionThrown" -> errors.add("exception: " + describe(
                        (Map<?, ?>) params.get("exceptionDetails")));
                case "Runtime.consoleAPICalled" -> {
                    if ("error".equals(params.get("type")) || "assert".equals(params.get("type"))) {
                        errors.add("console: " + params.get("args"));
                    }
                }
                case "Log.entryAdded" -> {
                    Map<?, ?> entry = (Map<?, ?>) params.get("entry");
                    // The browser asks for /favicon.ico on its own, at a time of its own: not the page's error.
                    boolean favicon = String.valueOf(entry.get("url")).endsWith("/favicon.ico");
                    if ("error".equals(entry.get("level")) && !favicon) {
                        errors.add(entry.get("source") + ": " + entry.get("text") + " (" + entry.get("url") + ")");
                    }
                }
                default -> { }
            }
        }
        return errors;
    }

    @Override
    public void close() {
        tools.close();
        stop(process);
    }

    private void enable() {
        tools.call("Page.enable", Map.of());
        tools.call("Runtime.enable", Map.of());
        tools.call("Log.enable", Map.of());
    }

    /**
     * Runs an action that loads a new document and waits until it has: the old document is marked first, so a
     * load event of the page before (a late one, or a redirect's) is never taken for the new page's.
     */
    private void navigateThen(Runnable action) {
        eval("window.__chromiumOldDocument = true");
        action.run();
        until(() -> newDocumentLoaded(), "the page to load");
    }

    private boolean newDocumentLoaded() {
        try {
            return "true".equals(eval("window.__chromiumOldDocument === undefined "
                    + "&& document.readyState === 'complete'"));
        } catch (IllegalStateException betweenDocuments) {
            return false;                           // the old document's context went away under the question
        }
    }

    private void requireElement(String selector) {
        if (!"true".equals(eval("document.querySelector(" + MiniJson.quote(selector) + ") !== null"))) {
            throw new AssertionError("no element matches " + selector + " in:\n" + dom());
        }
    }

    private static String describe(Map<?, ?> details) {
        Object exception = details.get("exception");
        Object text = exception instanceof Map<?, ?> e ? e.get("description") : null;
        return text != null ? text.toString() : String.valueOf(details.get("text"));
    }

    private static URI pageTarget(int port) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            String body = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            for (Object target : (List<?>) MiniJson.parse(body)) {
                Map<?, ?> t = (Map<?, ?>) target;
                if ("page".equals(t.get("type"))) {
                    return URI.create(String.valueOf(t.get("webSocketDebuggerUrl")));
                }
            }
        }
        throw new IOException("chromium shows no page target");
    }

    private static void until(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LIMIT_MILLIS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + LIMIT_MILLIS / 1000 + " s for " + what);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The chromium program on PATH; skips the test without it, and fails it in CI, which installs it. */
    public static Path program() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "chromium");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("chromium is missing; .ci/run installs Debian's chromium");
        }
        Assumptions.abort("chromium not on PATH");
        throw new AssertionError("unreachable");
    }
}
