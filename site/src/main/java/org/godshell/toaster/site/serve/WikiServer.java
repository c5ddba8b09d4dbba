package org.godshell.toaster.site.serve;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.godshell.toaster.site.mailclients.MailDomains;
import org.godshell.toaster.site.stspolicy.StsPolicies;

/**
 * {@code toaster wiki serve}'s server: Jetty with one connector per listen address, a virtual thread per
 * request, the site and (when given) git's smart HTTP and the mail clients' setup documents behind the security
 * headers. With HTTPS configured, the plain HTTP connectors only redirect to it (but for what mail clients ask
 * there, {@link MailClientRoutes}, the MTA-STS policy's path, {@link MtaStsRoute}, and ACME's HTTP-01 answers,
 * {@link AcmeChallengeRoute}). With {@link WikiTls#acmeTlsAlpn}, HTTPS answers ACME's TLS-ALPN-01 too (RFC 8737,
 * {@link org.godshell.toaster.site.tlsalpn}). One client can hold at most a few connections, and only while its
 * request heads keep coming ({@link Guards}).
 */
public final class WikiServer {

    /**
     * Where and how to serve.
     *
     * @param site  the symlink (or directory) the generator publishes the site at
     * @param http  plain HTTP listen addresses
     * @param https HTTPS listen addresses; needs {@code tls}
     * @param tls   the TLS for HTTPS (the mail server's certificates, versions and suites)
     * @param host  the host name HTTP is redirected to when HTTPS is on
     * @param acmeChallenges where an ACME client writes its HTTP-01 answers ({@link AcmeChallengeRoute}), if any
     */
    public record Settings(java.nio.file.Path site, List<InetSocketAddress> http, List<InetSocketAddress> https,
                           Optional<WikiTls> tls, String host, Optional<java.nio.file.Path> acmeChallenges) {

        /** Without ACME's HTTP-01 route. */
        public Settings(java.nio.file.Path site, List<InetSocketAddress> http, List<InetSocketAddress> https,
                Optional<WikiTls> tls, String host) {
            this(site, http, https, tls, host, Optional.empty());
        }

        public Settings {
            http = List.copyOf(http);
            https = List.copyOf(https);
            if (!https.isEmpty() && tls.isEmpty()) {
                throw new IllegalArgumentException("HTTPS addresses are configured but there is no certificate");
            }
            if (http.isEmpty() && https.isEmpty()) {
                throw new IllegalArgumentException("no address to listen on");
            }
        }
    }

    /**
     * Limits that keep one client from holding the server (issue 18 #14); tests shorten them.
     *
     * @param perClient    simultaneous connections from one IPv4 address or IPv6 /64, see {@link AddressCap}
     * @param headDeadline time for a request's head to arrive, see {@link HeadDeadline}
     */
    record Guards(int perClient, Duration headDeadline) {
        static final Guards DEFAULT = new Guards(16, Duration.ofSeconds(15));
    }

    /**
     * Jetty pads its thread pool's queue to the processor's cache line, and unless this property says how many
     * object references fill a line it asks the platform MBean server whether references are compressed:
     * starting JMX (and with it JFR's MBean, about 400 classes) was a tenth of the wiki's start
     * (bench/README.md, "Startup and install"). 16 is a 64-byte line of 4-byte references, what it finds with
     * any heap under 32 GB; the value only sizes padding. An admin's own {@code -D} is left as it is.
     */
    static final String JETTY_REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    static {
        if (System.getProperty(JETTY_REFERENCES_PER_CACHE_LINE) == null) {
            System.setProperty(JETTY_REFERENCES_PER_CACHE_LINE, "16");
        }
    }

    /** Simultaneous connections, all listeners together: beyond it Jetty stops accepting until one closes. */
    static final int MAX_CONNECTIONS = 512;
    static final long IDLE_MILLIS = 30_000;

    private final Server server;
    private final List<ServerConnector> plain = new ArrayList<>();
    private final List<ServerConnector> secure = new ArrayList<>();

    public WikiServer(Settings settings, Optional<Handler> git, Consumer<String> log) {
        this(settings, git, Optional.empty(), log, Guards.DEFAULT);
    }

    /** With {@code mailClients}, the documents mail clients set themselves up from are served too. */
    public WikiServer(Settings settings, Optional<Handler> git, Optional<MailDomains> mailClients,
            Consumer<String> log) {
        this(settings, git, mailClients, log, Guards.DEFAULT);
    }

    WikiServer(Settings settings, Optional<Handler> git, Consumer<String> log, Guards guards) {
        this(settings, git, Optional.empty(), log, guards);
    }

    /** With {@code policies} too, the MTA-STS policy of the toaster's domains is served ({@link MtaStsRoute}). */
    public WikiServer(Settings settings, Optional<Handler> git, Optional<MailDomains> mailClients,
            Optional<StsPolicies> policies, Consumer<String> log) {
        this(settings, git, mailClients, policies, log, Guards.DEFAULT);
    }

    WikiServer(Settings settings, Optional<Handler> git, Optional<MailDomains> mailClients, Consumer<String> log,
            Guards guards) {
        this(settings, git, mailClients, Optional.empty(), log, guards);
    }

    WikiServer(Settings settings, Optional<Handler> git, Optional<MailDomains> mailClients,
            Optional<StsPolicies> policies, Consumer<String> log, Guards guards) {
        this(settings, git, mailClients, policies, RequestObserver.NONE, log, guards);
    }

    /**
     * With {@code requests} told of every answered request by route and status class. The routes in {@code git}
     * mark themselves with {@link RouteClass#tag}; the server marks its own (site, mail clients, MTA-STS, ACME).
     */
    public WikiServer(Settings settings, Optional<Handler> git, Optional<MailDomains> mailClients,
            Optional<StsPolicies> policies, RequestObserver requests, Consumer<String> log) {
        this(settings, git, mailClients, policies, requests, log, Guards.DEFAULT);
    }

    WikiServer(Settings settings, Optional<Handler> git, Optional<MailDomains> mailClients,
            Optional<StsPolicies> policies, RequestObserver requests, Consumer<String> log, Guards guards) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("wiki-http");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        config.setRequestHeaderSize(16 * 1024);
        int httpsPort = settings.https().isEmpty() ? 0 : settings.https().getFirst().getPort();
        config.setSecurePort(httpsPort);
        config.setSecureScheme("https");
        // One of each for all connectors: a client gets its 16 connections, not 16 on each port.
        AddressCap cap = new AddressCap(guards.perClient());
        HeadDeadline deadline = new HeadDeadline(server.getScheduler(), guards.headDeadline());
        for (InetSocketAddress address : settings.http()) {
            HttpConnectionFactory http = new HttpConnectionFactory(config);
            http.addEventListener(cap);
            http.addEventListener(deadline);
            ServerConnector connector = new ServerConnector(server, http);
            bind(connector, address);
            plain.add(connector);
        }
        if (!settings.https().isEmpty()) {
            HttpConfiguration tlsConfig = new HttpConfiguration(config);
            SecureRequestCustomizer customizer = new SecureRequestCustomizer();
            customizer.setSniHostCheck(false);                          // self-signed certificates name no host
            tlsConfig.addCustomizer(customizer);
            SslContextFactory.Server factory = settings.tls().orElseThrow().jettyFactory();
            for (InetSocketAddress address : settings.https()) {
                SslConnectionFactory ssl = new SslConnectionFactory(factory, HttpVersion.HTTP_1_1.asString());
                ssl.addEventListener(cap);
                if (settings.tls().orElseThrow().acmeTlsAlpn()) {
                    ssl.addBean(WikiTls.CLOSE_AFTER_ACME_TLS_ALPN);
                }
                HttpConnectionFactory http = new HttpConnectionFactory(tlsConfig);
                http.addEventListener(deadline);
                ServerConnector connector = new ServerConnector(server, ssl, http);
                bind(connector, address);
                secure.add(connector);
            }
        }
        List<Connector> all = new ArrayList<>(plain);
        all.addAll(secure);
        all.forEach(server::addConnector);
        server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, all.toArray(Connector[]::new)));
        Handler content = new Handler.Sequence(git.map(List::of).orElse(List.of()).toArray(Handler[]::new));
        ((Handler.Sequence) content).addHandler(RouteClass.SITE.tag(new StaticSite(settings.site(), log)));
        Handler site = settings.https().isEmpty() ? content
                : new HttpsRedirect(content, settings.host(), () -> secure.getFirst().getLocalPort());
        Optional<MailClientRoutes.Https> https = settings.https().isEmpty() ? Optional.empty()
                : Optional.of(new MailClientRoutes.Https(settings.host(), () -> secure.getFirst().getLocalPort()));
        // Before the redirect: the mail clients' documents choose themselves what plain HTTP gets.
        Handler routed = mailClients.<Handler>map(domains -> new Handler.Sequence(RouteClass.MAILCLIENTS.tag(
                new MailClientRoutes(domains, https, log)), site)).orElse(site);
        // Before the redirect too: the CA asks over plain HTTP, for a certificate HTTPS does not have yet.
        Handler top = settings.acmeChallenges().<Handler>map(dir -> new Handler.Sequence(
                RouteClass.ACME.tag(new AcmeChallengeRoute(dir)), routed)).orElse(routed);
        // First of all: the policy answers plain HTTP itself, before the redirect could send it elsewhere.
        Handler routes = policies.<Handler>map(p -> new Handler.Sequence(
                RouteClass.MTASTS.tag(new MtaStsRoute(p, log)), top)).orElse(top);
        server.setHandler(deadline.marker(new SecurityHeaders(new Counted(requests, routes))));
        server.setErrorHandler(new ErrorReply());
    }

    private static void bind(ServerConnector connector, InetSocketAddress address) {
        connector.setHost(address.getAddress().getHostAddress());
        connector.setPort(address.getPort());
        connector.setIdleTimeout(IDLE_MILLIS);
    }

    public void start() throws Exception {
        server.start();
    }

    public void stop() throws Exception {
        server.stop();
    }

    /** The bound plain HTTP addresses (the real port when 0 was asked). */
    public List<InetSocketAddress> httpAddresses() {
        return plain.stream().map(c -> new InetSocketAddress(c.getHost(), c.getLocalPort())).toList();
    }

    public List<InetSocketAddress> httpsAddresses() {
        return secure.stream().map(c -> new InetSocketAddress(c.getHost(), c.getLocalPort())).toList();
    }
}
