package org.godshell.toaster.site.git;

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
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.godshell.toaster.site.TestRepo;
import org.godshell.toaster.site.build.BuildOptions;
import org.godshell.toaster.site.build.WikiBuilder;
import org.godshell.toaster.site.output.SiteConfig;
import org.godshell.toaster.site.serve.WikiServer;

/**
 * A wiki served on a loopback port: a bare repository with a first commit, its site built, the server with git's
 * smart HTTP in front of them, two accounts (an editor and a user who is not one), and the real {@code git}
 * command line to talk to it. Credentials reach git through GIT_ASKPASS reading the child's environment, so no
 * password is written to a file.
 */
final class WikiFixture implements AutoCloseable {

    static final String EDITOR = "ed@example.org";
    static final String EDITOR_PASSWORD = "editor secret ü";
    static final String USER = "bob@example.org";
    static final String USER_PASSWORD = "bob's secret";
    /** An account whose every login is answered as from an address with too many failures. */
    static final String THROTTLED = "guessed@example.org";
    /** A user whose password cannot be checked now (the user database is down). */
    static final String UNCHECKABLE = "outage@example.org";
    static final PushLimits LIMITS = new PushLimits(64 * 1024, 256 * 1024, 32, 1024, 1 << 20,
            64 << 20);

    final Path dir;
    final Path bare;
    final Path site;
    final Path pushLog;
    final Repository repository;
    final WikiServer server;
    final String url;
    private final GitClient client;

    WikiFixture(Path dir) throws Exception {
        this(dir, WikiBuilder::build);
    }

    /** A wiki whose pushes start {@code builder} instead of the real build. */
    WikiFixture(Path dir, Publisher.Build builder) throws Exception {
        this(dir, builder, LIMITS);
    }

    /** A wiki whose pushes start {@code builder} and are held to {@code limits}. */
    WikiFixture(Path dir, Publisher.Build builder, PushLimits limits) throws Exception {
        this.dir = dir;
        bare = dir.resolve("wiki.git");
        site = dir.resolve("site");
        pushLog = dir.resolve("push.log");
        try (TestRepo repo = TestRepo.bare(bare)) {
            repo.commit("first", "Ann Admin", TestRepo.EPOCH, List.of(
                    TestRepo.Entry.file("Home.md", "# Home\n\nWelcome. See [[Other Page]].\n"),
                    TestRepo.Entry.file("Other-Page.md", "# Other page\n\nFirst version.\n")));
        }
        BuildOptions build = BuildOptions.of(bare, "main", site).site(new SiteConfig("Test wiki",
                "http://127.0.0.1/", "http://127.0.0.1/wiki.git"));
        WikiBuilder.build(build);
        repository = org.godshell.toaster.site.source.WikiRepository.open(bare);
        PushAccounts accounts = new PushAccounts() {
            @Override
            public Login verify(String account, char[] password, InetAddress client) {
                if (account.equals(THROTTLED)) {
                    return new Login.Throttled(Duration.ofSeconds(14 * 60 + 1));
                }
                if (account.equals(UNCHECKABLE)) {
                    return new Login.Unavailable();
                }
                String expected = Map.of(EDITOR, EDITOR_PASSWORD, USER, USER_PASSWORD).get(account);
                return expected != null && Arrays.equals(expected.toCharArray(), password) ? new Login.Accepted()
                        : new Login.Refused();
            }

            @Override
            public boolean isEditor(String account) {
                return account.equals(EDITOR);
            }
        };
        Pushes pushes = new Pushes(repository, accounts, limits, build, builder, new PushLog(pushLog), System.err::println);
        server = new WikiServer(new WikiServer.Settings(site, List.of(new InetSocketAddress(
                InetAddress.getLoopbackAddress(), 0)), List.of(), Optional.empty(), "localhost"),
                Optional.of(new GitHttp(repository, pushes, System.err::println)), System.err::println);
        server.start();
        InetSocketAddress address = server.httpAddresses().getFirst();
        url = "http://127.0.0.1:" + address.getPort();
        client = new GitClient(dir, EDITOR);
    }



    /** Runs the real git in {@code workDir} as {@code user} (null: anonymous): see {@link GitClient}. */
    GitClient.Run git(Path workDir, String user, String password, String... args)
            throws IOException, InterruptedException {
        return client.git(workDir, user, password, args);
    }

    /** A fresh anonymous clone in a new directory. */
    Path cloneFresh(String name) throws Exception {
        GitClient.Run run = git(dir, null, null, "clone", url + "/wiki.git", name);
        if (run.exit() != 0) {
            throw new AssertionError("clone failed: " + run.output());
        }
        return dir.resolve(name);
    }

    ObjectId main() throws IOException {
        return repository.exactRef("refs/heads/main").getObjectId();
    }

    Set<String> packFiles() throws IOException {
        try (Stream<Path> files = Files.list(bare.resolve("objects/pack"))) {
            return files.map(p -> p.getFileName().toString()).collect(TreeSet::new, Set::add, Set::addAll);
        }
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            return client.send(HttpRequest.newBuilder(URI.create(url + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
        repository.close();
    }
}
