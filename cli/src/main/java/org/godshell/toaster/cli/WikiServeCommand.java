package org.godshell.toaster.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.godshell.toaster.acme.Acme;
import org.godshell.toaster.acme.AcmeFiles;
import org.godshell.toaster.acme.DailyRenewal;
import org.godshell.toaster.auth.AuthThrottle;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.config.WikiServeConfig;
import org.godshell.toaster.io.Handover;
import org.godshell.toaster.layout.InstallRecordFile;
import org.godshell.toaster.metrics.MetricsEndpoint;
import org.godshell.toaster.site.build.BuildOptions;
import org.godshell.toaster.site.build.BuildReport;
import org.godshell.toaster.site.edit.WikiEditing;
import org.godshell.toaster.site.git.GitHttp;
import org.godshell.toaster.site.git.PushLimits;
import org.godshell.toaster.site.git.PushLog;
import org.godshell.toaster.site.git.Pushes;
import org.godshell.toaster.site.metrics.WikiMetrics;
import org.godshell.toaster.site.onrequest.CommitRoute;
import org.godshell.toaster.site.onrequest.HistoryRoute;
import org.godshell.toaster.site.onrequest.PublishedPages;
import org.godshell.toaster.site.search.LiveIndex;
import org.godshell.toaster.site.search.SearchRoute;
import org.godshell.toaster.site.serve.RouteClass;
import org.godshell.toaster.site.serve.WikiServer;
import org.godshell.toaster.site.serve.WikiTls;
import org.godshell.toaster.site.source.WikiRepository;
import org.godshell.toaster.site.tlsalpn.ValidationCertificates;
import org.godshell.toaster.site.versions.VersionRoutes;
import org.godshell.toaster.tls.ServerTls;
import org.godshell.toaster.tls.TlsSource;
import org.godshell.toaster.users.UserStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code toaster wiki serve}: the wiki's web server in the foreground, until SIGTERM or Ctrl-C. It serves
 * PREFIX/wiki/site (built from PREFIX/wiki/wiki.git at start and after each push), the repository itself at
 * /wiki.git, the documents mail clients of the toaster's domains set themselves up from ({@link
 * WikiMailDomains}), those domains' MTA-STS policy ({@link WikiStsPolicies}) and ACME's HTTP-01 and TLS-ALPN-01
 * answers; with ACME set up ({@code toaster cert acme}) it renews the certificate when due ({@link
 * DailyRenewal}). Its Prometheus metrics (builds, pushes, saves, requests) are served where
 * {@code control/listen-metrics-wiki} says ({@link WikiMetricsEndpoint}). The log goes to stderr.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the wiki over HTTP(S) where PREFIX/control/listen-http and listen-https say, with its "
                + "git repository at /wiki.git (clone for all; push for the accounts in control/wikieditors), and "
                + "the settings mail clients of the toaster's domains set themselves up from (autoconfig, "
                + "Autodiscover, an Apple profile), and their MTA-STS policy at "
                + "https://mta-sts.DOMAIN/.well-known/mta-sts.txt.")
final class WikiServeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private PrefixOption prefix;

    @Option(names = "--site-url", paramLabel = "URL",
            description = "The URL people reach the wiki at (default: from control/me and the first listen address).")
    private String siteUrl;

    @Option(names = "--title", paramLabel = "TEXT", description = "The site's name (default: Toaster wiki).")
    private String title;

    /** The first renewal check: after start settles, not in the middle of it. */
    static final Duration RENEWAL_DELAY = Duration.ofMinutes(1);

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path control = prefix.control();
        Consumer<String> log;
        try {
            log = DaemonLogs.wiki(DaemonLogs.format(control), System.err);
        } catch (ConfigException e) {
            err.println("toaster wiki serve: " + e.getMessage());
            return 1;
        }
        WikiServeConfig config;
        Optional<WikiTls> tls;
        WikiMailDomains mailDomains;
        WikiStsPolicies policies;
        Optional<TlsSource> source;
        UserStore users = UserStore.open(prefix.prefix(), log);
        // wikieditors is read here, strictly, and again at each push after an edit; rcpthosts at each request.
        Controls files = new Controls(control, log);
        try {
            config = WikiServeConfig.make(files);
            mailDomains = WikiMailDomains.open(users, files, config.me(),
                    InstallRecordFile.imap(InstallRecordFile.read(prefix.prefix())), log);
            policies = WikiStsPolicies.open(mailDomains, files, log);
            // The certificates are looked at before each handshake: a renewed one is served without a restart.
            source = config.listenHttps().isEmpty() ? Optional.empty()
                    : TlsSource.watch(control, log);
            tls = source.isEmpty() ? Optional.empty() : Optional.of(https(source.get(),
                    new AcmeFiles(control).tlsAlpnChallenges()));
        } catch (GeneralSecurityException e) {
            err.println("toaster wiki serve: TLS cannot start: " + e.getMessage());
            return 1;
        } catch (ConfigException e) {
            err.println("toaster wiki serve: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("toaster wiki serve: cannot read " + prefix.prefix().resolve(InstallRecordFile.NAME) + ": "
                    + e.getMessage());
            return 1;
        }
        if (config.listenHttp().isEmpty() && config.listenHttps().isEmpty()) {
            err.println("toaster wiki serve: neither " + control.resolve("listen-http") + " nor "
                    + control.resolve("listen-https") + " exists; write one address:port per line, such as "
                    + "0.0.0.0:443 in listen-https (or 127.0.0.1:8080 in listen-http to try it)");
            return 1;
        }
        if (!config.listenHttps().isEmpty() && tls.isEmpty()) {
            err.println("toaster wiki serve: listen-https is set but there is no " + control.resolve(
                    "servercert.pem") + "; make one with: toaster cert selfsigned --host HOST");
            return 1;
        }
        Path wiki = prefix.prefix().resolve("wiki");
        Path bare = wiki.resolve("wiki.git");
        Path site = wiki.resolve("site");
        BuildOptions build;
        Repository repository;
        boolean hasMain;
        try {
            build = WikiSite.options(prefix.prefix(), config, siteUrl, title);
            repository = openOrCreate(bare, log);
            hasMain = repository.exactRef("refs/heads/main") != null;
            if (!hasMain) {
                log.accept(bare + " has no main branch yet: the site appears after the first push");
            }
        } catch (IOException | GitAPIException | IllegalArgumentException e) {
            err.println("toaster wiki serve: " + e.getMessage());
            return 1;
        }
        WikiAccounts accounts = new WikiAccounts(users, new AuthThrottle(Clock.systemUTC()), files);
        // The wiki is a process of its own, so it serves its own metrics, as pop3d does (site's metrics package).
        WikiMetrics metrics = WikiMetrics.create();
        Pushes pushes = new Pushes(repository, accounts, PushLimits.DEFAULT, build, metrics.builds(),
                metrics.pushes(), new PushLog(wiki.resolve("push.log")), log);
        // ACME's HTTP-01 answers come from control/acme/http-01, whoever orders: toaster cert acme or the renewal.
        Acme acme = new Acme(control, Handover.KEEP, Clock.systemUTC());
        // The browser editor, old versions, comparisons, commit and history pages and GET /_api/search beside git's
        // smart HTTP, each passing on the paths it does not own, to the site. Pushes and the editor reach main
        // through the one Pushes (lock, checks, build). Each is tagged with its class for the requests' metrics;
        // old versions and comparisons are pages of the site.
        PublishedPages published = new PublishedPages(site, log);
        Handler wikiRoutes = new Handler.Sequence(RouteClass.GIT.tag(new GitHttp(repository, pushes, log)),
                RouteClass.EDITOR.tag(new WikiEditing(repository, pushes, accounts, PushLimits.DEFAULT, build, log)),
                RouteClass.SITE.tag(new VersionRoutes(repository, build, log)),
                RouteClass.COMMIT.tag(new CommitRoute(published, repository)),
                RouteClass.HISTORY.tag(new HistoryRoute(published)),
                RouteClass.SEARCH.tag(new SearchRoute(new LiveIndex(site, log), log)));
        WikiServer server = new WikiServer(new WikiServer.Settings(site, config.listenHttp(), config.listenHttps(),
                tls, config.me(), Optional.of(acme.files().challenges())),
                Optional.of(wikiRoutes), Optional.of(mailDomains), Optional.of(policies), metrics.requests(), log);
        Optional<MetricsEndpoint> endpoint = Optional.empty();
        try {
            endpoint = WikiMetricsEndpoint.start(files, control, source, metrics.registry(), log);
            server.start();
        } catch (Exception e) {
            endpoint.ifPresent(MetricsEndpoint::close);
            err.println("toaster wiki serve: " + e.getMessage());
            return 1;
        }
        Optional<MetricsEndpoint> started = endpoint;
        if (hasMain) {
            buildAfterStart(pushes, log);
        }
        // After the server is up, so that the renewal's HTTP-01 challenges find it answering.
        DailyRenewal renewal = DailyRenewal.start(acme, RENEWAL_DELAY, Clock.systemUTC(), line -> log.accept(line));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            renewal.close();
            try {
                server.stop();
            } catch (Exception e) {
                log.accept("stop: " + e.getMessage());
            }
            started.ifPresent(MetricsEndpoint::close);
            stopped.countDown();
        }, "wiki-stop"));
        for (InetSocketAddress a : server.httpAddresses()) {
            out.println("wiki: listening on http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + "/"
                    + (config.listenHttps().isEmpty() ? "" : " (redirects to HTTPS)"));
        }
        for (InetSocketAddress a : server.httpsAddresses()) {
            out.println("wiki: listening on https://" + a.getAddress().getHostAddress() + ":" + a.getPort() + "/");
        }
        out.println("wiki: clone with: git clone " + build.site().cloneUrl());
        out.println(started.map(e -> "wiki: metrics on " + e.url())
                .orElse("wiki: metrics off (control/listen-metrics-wiki)"));
        out.flush();
        stopped.await();
        return 0;
    }

    /**
     * The site built from main while the server already listens: it serves the previous build meanwhile, or says
     * 503 "being built" on a new install, rather than holding its port closed for the whole build (seconds to
     * minutes on a small host). A build that fails leaves the previous site served and says why in the log.
     */
    private static void buildAfterStart(Pushes pushes, Consumer<String> log) {
        Thread.ofPlatform().name("wiki-start-build").start(() -> {
            try {
                BuildReport report = pushes.buildNow();
                log.accept("built " + report.pages() + " pages from " + report.commit().substring(0, 12));
            } catch (IOException | RuntimeException e) {
                log.accept("the start's build failed, the previous site is served: " + e.getMessage());
            }
        });
    }

    /**
     * The wiki's HTTPS: the certificates {@code source} watches, with the versions and suites of the mail ports,
     * and ACME's TLS-ALPN-01 answers (RFC 8737) from {@code tlsAlpnChallenges}, whoever orders.
     */
    static WikiTls https(TlsSource source, Path tlsAlpnChallenges) throws GeneralSecurityException {
        SSLContext context = WikiTls.acmeTlsAlpnContext(source.reloadingKeys(),
                new ValidationCertificates(tlsAlpnChallenges));
        return new WikiTls(context, ServerTls.protocols(), ServerTls.cipherSuites(context), true);
    }

    /** The bare repository, created empty (HEAD naming main) on the first start. */
    private static Repository openOrCreate(Path bare, Consumer<String> log) throws IOException, GitAPIException {
        if (!Files.exists(bare)) {
            Files.createDirectories(bare.getParent());
            Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
            log.accept("created an empty wiki repository at " + bare);
        }
        return WikiRepository.open(bare);
    }
}
