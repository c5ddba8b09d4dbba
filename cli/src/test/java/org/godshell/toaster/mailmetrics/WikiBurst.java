package org.godshell.toaster.mailmetrics;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.godshell.toaster.metrics.EndpointSettings;
import org.godshell.toaster.metrics.MetricsEndpoint;
import org.godshell.toaster.site.build.BuildOptions;
import org.godshell.toaster.site.git.GitHttp;
import org.godshell.toaster.site.git.Login;
import org.godshell.toaster.site.git.PushAccounts;
import org.godshell.toaster.site.git.PushLimits;
import org.godshell.toaster.site.git.PushLog;
import org.godshell.toaster.site.git.Pushes;
import org.godshell.toaster.site.metrics.WikiMetrics;
import org.godshell.toaster.site.output.SiteConfig;
import org.godshell.toaster.site.serve.RouteClass;
import org.godshell.toaster.site.serve.WikiServer;
import org.godshell.toaster.site.source.WikiRepository;

/**
 * What the dashboard's wiki row is tested against: a wiki served on loopback as {@code toaster wiki serve} serves
 * it (the real builder, pushes, git's smart HTTP and server, each reporting to one {@link WikiMetrics}, whose
 * registry a {@link MetricsEndpoint} serves on another loopback port), and a small burst through it: the start's
 * full build, a page and a missing page asked for, and a push whose credentials are refused (JGit's client, so no
 * git command is needed). The series of the fixed label sets are made at zero, so every metric is served after it.
 */
final class WikiBurst implements AutoCloseable {

    private final Repository repository;
    private final Pushes pushes;
    private final WikiServer server;
    private final MetricsEndpoint endpoint;
    private final String url;
    final List<String> log = new CopyOnWriteArrayList<>();

    WikiBurst(Path dir) throws Exception {
        Path work = dir.resolve("work");
        try (Git git = Git.init().setInitialBranch("main").setDirectory(work.toFile()).call()) {
            Files.writeString(work.resolve("Home.md"), "# Home\n\nWelcome. See [[Other Page]].\n");
            Files.writeString(work.resolve("Other-Page.md"), "# Other page\n\nFirst version.\n");
            git.add().addFilepattern(".").call();
            PersonIdent ann = new PersonIdent("Ann Admin", "ann@example.org");
            git.commit().setMessage("first").setAuthor(ann).setCommitter(ann).setSign(false).call();
        }
        Path bare = dir.resolve("wiki.git");
        Git.cloneRepository().setBare(true).setURI(work.toUri().toString()).setDirectory(bare.toFile()).call()
                .close();
        Path site = dir.resolve("site");
        BuildOptions build = BuildOptions.of(bare, "main", site).site(new SiteConfig("Test wiki",
                "http://127.0.0.1/", "http://127.0.0.1/wiki.git"));
        repository = WikiRepository.open(bare);
        WikiMetrics metrics = WikiMetrics.create();
        pushes = new Pushes(repository, new NoOne(), PushLimits.DEFAULT, build, metrics.builds(), metrics.pushes(),
                new PushLog(dir.resolve("push.log")), log::add);
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        server = new WikiServer(new WikiServer.Settings(site, List.of(loopback), List.of(), Optional.empty(),
                "localhost"), Optional.of(new Handler.Sequence(RouteClass.GIT.tag(new GitHttp(repository, pushes,
                log::add)))), Optional.empty(), Optional.empty(), metrics.requests(), log::add);
        server.start();
        url = "http://127.0.0.1:" + server.httpAddresses().getFirst().getPort();
        endpoint = MetricsEndpoint.start(new EndpointSettings("wiki", loopback, Optional.empty(), Optional.empty()),
                metrics.registry(), List.of(), "metricstoken", "servercert.pem");
    }

    /** The burst; each step's answer is checked, so a burst that did not happen fails here, not in a panel. */
    void run(Path dir) throws Exception {
        pushes.buildNow();
        expect(200, "/");
        expect(404, "/No-Such-Page.html");
        Path clone = dir.resolve("clone");
        try (Git git = Git.cloneRepository().setURI(url + GitHttp.PREFIX).setDirectory(clone.toFile()).call()) {
            Files.writeString(clone.resolve("Third.md"), "# Third\n");
            git.add().addFilepattern("Third.md").call();
            PersonIdent ed = new PersonIdent("Ed Editor", "ed@example.org");
            git.commit().setMessage("third").setAuthor(ed).setCommitter(ed).setSign(false).call();
            try {
                git.push().setCredentialsProvider(new UsernamePasswordCredentialsProvider("ed@example.org",
                        "not the password")).call();
                throw new AssertionError("a push with refused credentials went through");
            } catch (TransportException expected) {
                // refused: 401 with the credentials too
            }
        }
    }

    private void expect(int status, String path) throws Exception {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build()) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(url + path))
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != status) {
                throw new AssertionError(path + " answered " + answer.statusCode() + ", not " + status + "; log: "
                        + log);
            }
        }
    }

    InetSocketAddress endpoint() {
        return endpoint.address();
    }

    @Override
    public void close() throws Exception {
        endpoint.close();
        server.stop();
        repository.close();
    }

    /** Accounts of which no password is right: every push with credentials is refused for them. */
    private static final class NoOne implements PushAccounts {
        @Override
        public Login verify(String account, char[] password, InetAddress client) {
            return new Login.Refused();
        }

        @Override
        public boolean isEditor(String account) {
            return false;
        }
    }
}
