package org.godshell.toaster.metrics;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLParameters;

/**
 * A daemon's metrics endpoint: the JDK's HTTP server (HTTPS off loopback) with {@link ScrapeHandler} in front of
 * the Prometheus client's handler, on a few threads of its own so that scrapes never take a mail session's.
 * {@link ServerLimits} bounds connections, header sizes and how long a slow client may take.
 */
public final class MetricsEndpoint implements AutoCloseable {

    /** Scrapes are rare (one every 15 s or so): a few threads serve them, queued beyond that. */
    static final int THREADS = 2;

    /**
     * The Prometheus client's handler logs a scraper that hung up before the end of its answer (SEVERE, with a
     * stack trace, on the daemon's stderr). That is routine here: smtpd's {@link Gathering} hangs up on a source
     * that is late, and a scraper at its timeout does the same; the scraper already knows. Held in a field
     * because java.util.logging keeps loggers weakly, and a collected logger forgets its level.
     */
    private static final Logger CLIENT_HANGUPS =
            Logger.getLogger("io.prometheus.metrics.exporter.httpserver.HttpExchangeAdapter");

    static {
        CLIENT_HANGUPS.setLevel(Level.OFF);
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final boolean tls;
    private final Optional<Gathering> gathering;

    private MetricsEndpoint(HttpServer server, ExecutorService threads, boolean tls, Optional<Gathering> gathering) {
        this.server = server;
        this.threads = threads;
        this.tls = tls;
        this.gathering = gathering;
    }

    /**
     * Checks the settings ({@link EndpointSettings#check}), binds and starts serving {@code registry}, and with
     * it the pages of {@code sources} ({@link Gathering}) when there are any. Without sources the Prometheus
     * client's handler serves every format it knows (OpenMetrics, protobuf); a gathered page is in the text
     * format, which every Prometheus reads.
     *
     * @throws EndpointException when the settings would expose the metrics
     * @throws IOException       when the address cannot be bound
     */
    public static MetricsEndpoint start(EndpointSettings settings, PrometheusRegistry registry,
            List<MetricsSource> sources, String tokenSetting, String tlsSetting) throws EndpointException, IOException {
        settings.check(tokenSetting, tlsSetting);
        ServerLimits.apply();
        HttpServer server;
        try {
            server = settings.usesTls() ? https(settings.address(), settings.tls().orElseThrow())
                    : HttpServer.create(settings.address(), 0);
        } catch (IOException e) {
            throw new IOException(settings.daemon() + ": cannot listen for metrics on " + where(settings.address())
                    + ": " + e.getMessage(), e);
        }
        ExecutorService threads = Executors.newFixedThreadPool(THREADS,
                Thread.ofPlatform().daemon().name(settings.daemon() + "-metrics-", 0).factory());
        server.setExecutor(threads);
        Optional<Gathering> gathering = sources.isEmpty() ? Optional.empty()
                : Optional.of(new Gathering(settings.daemon(), registry, sources, settings.token()));
        server.createContext("/", new ScrapeHandler(settings.token(),
                gathering.isPresent() ? gathering.get() : new MetricsHandler(registry)));
        server.start();
        return new MetricsEndpoint(server, threads, settings.usesTls(), gathering);
    }

    private static HttpsServer https(InetSocketAddress address, TlsServer tls) throws IOException {
        HttpsServer server = HttpsServer.create(address, 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls.context()) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = tls.context().getDefaultSSLParameters();
                ssl.setProtocols(tls.protocols().toArray(String[]::new));
                ssl.setCipherSuites(tls.cipherSuites().toArray(String[]::new));
                parameters.setSSLParameters(ssl);
            }
        });
        return server;
    }

    /** The bound address (port 0 resolved). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The URL scrapers are told: {@code http://127.0.0.1:9587/metrics}, https off loopback. */
    public String url() {
        return (tls ? "https://" : "http://") + where(address()) + ScrapeHandler.PATH;
    }

    static String where(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** Stops at once: a scrape cut short is retried by the scraper at its next interval. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        gathering.ifPresent(Gathering::close);
    }
}
