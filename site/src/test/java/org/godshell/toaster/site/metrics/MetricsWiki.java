package org.godshell.toaster.site.metrics;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jgit.lib.Repository;
import org.godshell.toaster.metrics.EndpointSettings;
import org.godshell.toaster.metrics.MetricsEndpoint;
import org.godshell.toaster.site.TestRepo;
import org.godshell.toaster.site.build.BuildOptions;
import org.godshell.toaster.site.git.GitClient;
import org.godshell.toaster.site.git.GitHttp;
import org.godshell.toaster.site.git.Login;
import org.godshell.toaster.site.git.PushAccounts;
import org.godshell.toaster.site.git.PushLimits;
import org.godshell.toaster.site.git.PushLog;
import org.godshell.toaster.site.git.Pushes;
import org.godshell.toaster.site.output.SiteConfig;
import org.godshell.toaster.site.serve.RouteClass;
import org.godshell.toaster.site.serve.WikiServer;
import org.godshell.toaster.site.source.WikiRepository;

/**
 * A wiki served on a loopback port as {@code toaster wiki serve} serves it, with its metrics: the real builder,
 * pushes and server, each reporting to one {@link WikiMetrics}, whose registry a {@link MetricsEndpoint} serves
 * on another loopback port. The site is not built before the test asks ({@link Pushes#buildNow}). Two accounts:
 * an editor and a user who is not one; the real {@code git} client pushes, as an editor's would.
 */
final class MetricsWiki implements AutoCloseable {

    static final String EDITOR = "ed@example.org";
    static final String EDITOR_PASSWORD = "editor secret";
    static final String USER = "bob@example.org";
    static final String USER_PASSWORD = "bob's secret";
    /** Small enough that a test pushes over it with a file of 64 KB. */
    static final PushLimits LIMITS = new PushLimits(32 * 1024, 256 * 1024, 32, 1024, 1 << 20, 64 << 20);

    final Path dir;
    final Path bare;
    final WikiMetrics metrics = WikiMetrics.create();
    final Repository repository;
    final Pushes pushes;
    final WikiServer server;
    final MetricsEndpoint endpoint;
    final String url;
    final List<String> log = new CopyOnWriteArrayList<>();
    private final GitClient client;

    MetricsWiki(Path dir) throws Exception {
        this.dir = dir;
        bare = dir.resolve("wiki.git");
        Path site = dir.resolve("site");
        try (TestRepo repo = TestRepo.bare(bare)) {
            repo.commit("first", "Ann Admin", TestRepo.EPOCH, List.of(
                    TestRepo.Entry.file("Home.md", "# Home\n\nWelcome. See [[Other Page]].\n"),
                    TestRepo.Entry.file("Other-Page.md", "# Other page\n\nFirst version.\n")));
        }
        BuildOptions build = BuildOptions.of(bare, "main", site).site(new SiteConfig("Test wiki",
                "http://127.0.0.1/", "http://127.0.0.1/wiki.git"));
        repository = WikiRepository.open(bare);
        PushAccounts accounts = new PushAccounts() {
            @Override
            public Login verify(String account, char[] password, InetAddress client) {
                String expected = Map.of(EDITOR, EDITOR_PASSWORD, USER, USER_PASSWORD).get(account);
                return expected != null && Arrays.equals(expected.toCharArray(), password) ? new Login.Accepted()
                        : new Login.Refused();
            }

            @Override
            public boolean isEditor(String account) {
                return account.equals(EDITOR);
            }
        };
        pushes = new Pushes(repository, accounts, LIMITS, build, metrics.builds(), metrics.pushes(),
                new PushLog(dir.resolve("push.log")), log::add);
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        server = new WikiServer(new WikiServer.Settings(site, List.of(loopback), List.of(), Optional.empty(),
                "localhost"), Optional.of(new Handler.Sequence(RouteClass.GIT.tag(new GitHttp(repository, pushes,
                log::add)))), Optional.empty(), Optional.empty(), metrics.requests(), log::add);
        server.start();
        url = "http://127.0.0.1:" + server.httpAddresses().getFirst().getPort();
        client = new GitClient(dir, EDITOR);
        endpoint = MetricsEndpoint.start(new EndpointSettings("wiki", loopback, Optional.empty(), Optional.empty()),
                metrics.registry(), List.of(), "metricstoken", "servercert.pem");
    }



    /** Runs the real git in {@code workDir} as {@code user} (null: anonymous): see {@link GitClient}. */
    GitClient.Run git(Path workDir, String user, String password, String... args)
            throws IOException, InterruptedException {
        return client.git(workDir, user, password, args);
    }

    /** An anonymous clone in a new directory. */
    Path cloneFresh(String name) throws Exception {
        GitClient.Run run = git(dir, null, null, "clone", url + GitHttp.PREFIX, name);
        if (run.exit() != 0) {
            throw new AssertionError("clone failed: " + run.output());
        }
        return dir.resolve(name);
    }

    /** Writes {@code file} in {@code clone} and commits it. */
    void commit(Path clone, String file, String text) throws Exception {
        Files.writeString(clone.resolve(file), text);
        for (GitClient.Run run : List.of(git(clone, null, null, "add", file),
                git(clone, null, null, "commit", "-qm", file))) {
            if (run.exit() != 0) {
                throw new AssertionError(run.output());
            }
        }
    }

    HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60));
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** The endpoint's answer, as Prometheus's text format. */
    String scrape() throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build()) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(endpoint.url()))
                    .header("Accept", "text/plain;version=0.0.4").timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new AssertionError("scrape answered " + answer.statusCode());
            }
            return answer.body();
        }
    }

    /** The value of one series in an exposition, by its text as exposed ({@code name{label="v"}}). */
    static double value(String exposition, String series) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).strip());
            }
        }
        throw new AssertionError("no series " + series + " in:\n" + exposition);
    }

    @Override
    public void close() throws Exception {
        endpoint.close();
        server.stop();
        repository.close();
    }
}
