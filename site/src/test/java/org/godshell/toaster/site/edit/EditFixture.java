package org.godshell.toaster.site.edit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.godshell.toaster.site.TestRepo;
import org.godshell.toaster.site.build.BuildOptions;
import org.godshell.toaster.site.build.WikiBuilder;
import org.godshell.toaster.site.edit.session.Sessions;
import org.godshell.toaster.site.git.GitHttp;
import org.godshell.toaster.site.git.Login;
import org.godshell.toaster.site.git.PushAccounts;
import org.godshell.toaster.site.git.PushLimits;
import org.godshell.toaster.site.git.PushLog;
import org.godshell.toaster.site.git.Pushes;
import org.godshell.toaster.site.output.SiteConfig;
import org.godshell.toaster.site.serve.WikiServer;
import org.godshell.toaster.site.source.WikiRepository;

/**
 * A wiki with the browser editor on a loopback port: a bare repository with two pages, its site built, the
 * server with git's smart HTTP and {@link WikiEditing}, an editor, a user who is not one, an account answered as
 * throttled, and a clock the tests move (session expiry). {@link Browser} is a client with its own cookies.
 */
final class EditFixture implements AutoCloseable {

    static final String EDITOR = "ed@example.org";
    static final String PASSWORD = "editor secret ü";
    static final String USER = "bob@example.org";
    static final String USER_PASSWORD = "bob's secret";
    static final String THROTTLED = "guessed@example.org";
    /** A user whose password cannot be checked now (the user database is down). */
    static final String UNCHECKABLE = "outage@example.org";
    static final PushLimits LIMITS = new PushLimits(256 * 1024, 1 << 20, 32, 1024, 4 << 20, 64 << 20);

    /** A clock the test sets. */
    static final class TestClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    final Path bare;
    final Path site;
    final Repository repository;
    final WikiServer server;
    final String url;
    final TestClock clock = new TestClock();
    /** The editor list as {@code control/wikieditors} would give it; a test removes an editor or breaks it. */
    final Set<String> editors = ConcurrentHashMap.newKeySet();
    volatile boolean editorListUnreadable;

    EditFixture(Path dir) throws Exception {
        bare = dir.resolve("wiki.git");
        site = dir.resolve("site");
        try (TestRepo repo = TestRepo.bare(bare)) {
            repo.commit("first", "Ann Admin", TestRepo.EPOCH, List.of(
                    TestRepo.Entry.file("Home.md", "# Home\n\nWelcome. See [[Other Page]] and [[Missing Page]].\n"),
                    TestRepo.Entry.file("Other-Page.md", "# Other page\n\nline one\n\nline two\n\nline three\n")));
        }
        BuildOptions build = BuildOptions.of(bare, "main", site).site(new SiteConfig("Test wiki",
                "http://127.0.0.1/", "http://127.0.0.1/wiki.git"));
        WikiBuilder.build(build);
        repository = WikiRepository.open(bare);
        editors.add(EDITOR);
        PushAccounts accounts = new PushAccounts() {
            @Override
            public Login verify(String account, char[] password, InetAddress client) {
                if (account.equals(THROTTLED)) {
                    return new Login.Throttled(Duration.ofSeconds(14 * 60 + 1));
                }
                if (account.equals(UNCHECKABLE)) {
                    return new Login.Unavailable();
                }
                String expected = Map.of(EDITOR, PASSWORD, USER, USER_PASSWORD).get(account);
                return expected != null && Arrays.equals(expected.toCharArray(), password) ? new Login.Accepted()
                        : new Login.Refused();
            }

            @Override
            public boolean isEditor(String account) throws IOException {
                if (editorListUnreadable) {
                    throw new IOException("control/wikieditors: unreadable");
                }
                return editors.contains(account);
            }
        };
        Pushes pushes = new Pushes(repository, accounts, LIMITS, build, new PushLog(dir.resolve("push.log")),
                System.err::println);
        Handler routes = new Handler.Sequence(new GitHttp(repository, pushes, System.err::println),
                new WikiEditing(repository, pushes, accounts, LIMITS, build, new Sessions(clock),
                        System.err::println));
        server = new WikiServer(new WikiServer.Settings(site, List.of(new InetSocketAddress(
                InetAddress.getLoopbackAddress(), 0)), List.of(), Optional.empty(), "localhost"),
                Optional.of(routes), System.err::println);
        server.start();
        url = "http://127.0.0.1:" + server.httpAddresses().getFirst().getPort();
    }

    ObjectId main() throws IOException {
        return repository.exactRef("refs/heads/main").getObjectId();
    }

    Browser browser() {
        return new Browser();
    }

    /**
     * A browser: its own cookies (kept by name, as one host's would be), the wiki's origin on every POST (as a
     * browser sends it), no redirects followed.
     */
    final class Browser {
        final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        final Map<String, String> cookies = new TreeMap<>();

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(URI.create(url + path)));
        }

        HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
            if (!cookies.isEmpty()) {
                request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("; ")));
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String set : response.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('='));
                if (set.contains("Max-Age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, pair.substring(pair.indexOf('=') + 1));
                }
            }
            return response;
        }

        HttpResponse<String> post(String path, Map<String, String> fields, String... headers)
                throws IOException, InterruptedException {
            return postRaw(path, encode(fields), headers);
        }

        HttpResponse<String> postRaw(String path, String body, String... headers)
                throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (!Arrays.asList(headers).contains("Origin")) {
                request.header("Origin", url);
            }
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return send(request);
        }

        /** A raw body (an upload), with the wiki's origin unless the headers name one. */
        HttpResponse<String> postBytes(String path, byte[] body, String... headers)
                throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (!Arrays.asList(headers).contains("Origin")) {
                request.header("Origin", url);
            }
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return send(request);
        }

        /** Logs in as {@code user}; the reply to the login POST. */
        HttpResponse<String> login(String user, String password) throws IOException, InterruptedException {
            String token = field(get("/_login").body(), "csrf");
            return post("/_login", Map.of("user", user, "password", password, "csrf", token, "next", "/"));
        }

        /** The editor page of a path, its session token and base commit read from it. */
        Editor open(String path) throws IOException, InterruptedException {
            HttpResponse<String> page = get("/_edit/" + path);
            if (page.statusCode() != 200) {
                throw new AssertionError("editor of " + path + ": " + page.statusCode() + " " + page.body());
            }
            return new Editor(path, field(page.body(), "csrf"), field(page.body(), "base"), page.body());
        }

        HttpResponse<String> save(Editor editor, String text, String message) throws IOException, InterruptedException {
            return post("/_edit/" + editor.path(), Map.of("csrf", editor.csrf(), "base", editor.base(), "text", text,
                    "message", message, "do", "save"));
        }
    }

    record Editor(String path, String csrf, String base, String html) {
    }

    static String encode(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** The value of a hidden input of a page. */
    static String field(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        if (!m.find()) {
            throw new AssertionError("no field " + name + " in " + html);
        }
        return m.group(1);
    }

    @Override
    public void close() throws Exception {
        server.stop();
        repository.close();
    }
}
