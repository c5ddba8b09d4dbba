package org.godshell.toaster.mailmetrics;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Key;
import org.godshell.toaster.config.Reads;
import org.godshell.toaster.metrics.EndpointException;
import org.godshell.toaster.metrics.EndpointSettings;
import org.godshell.toaster.metrics.MetricsEndpoint;
import org.godshell.toaster.metrics.MetricsSource;
import org.godshell.toaster.metrics.TlsServer;
import org.godshell.toaster.tls.ServerTls;
import org.godshell.toaster.tls.TlsSource;

/**
 * Starts a daemon's endpoint where its control file says: {@code listen-metrics} for smtpd,
 * {@code listen-metrics-pop3d} for pop3d, {@code listen-metrics-wiki} for the wiki's server (whose registry the
 * cli brings from the site module), guarded by {@code metricstoken}, with TLS from the daemon's own certificates
 * (servercert.pem, servercerts/) off loopback, renewed as the mail ports' are. smtpd's page also gathers the
 * other two daemons' ({@link #GATHERED_BY_SMTPD}), so that the admin scrapes one URL per host.
 */
public final class MetricsEndpoints {

    /** Another daemon whose endpoint an endpoint gathers, and the control file that says where it listens. */
    public record Gathered(String daemon, Key<Optional<InetSocketAddress>> where) {}

    /** pop3d's and the wiki's pages, which smtpd's endpoint adds to its own when they listen on loopback. */
    public static final List<Gathered> GATHERED_BY_SMTPD = List.of(
            new Gathered("pop3d", ControlFiles.LISTEN_METRICS_POP3D),
            new Gathered("wiki", ControlFiles.LISTEN_METRICS_WIKI));

    private MetricsEndpoints() {
    }

    /**
     * The running endpoint, or empty when the file says {@code off}, or when there is no file and the default
     * address is taken: another toaster on the host (a system one beside {@code ./dev run}), or tests running
     * side by side, must not stop the mail server for want of a metrics port nobody asked for; {@code log} says
     * so. An address the admin wrote is kept to: not binding it stops the start.
     *
     * @throws ConfigException naming the listen file, when its address needs a token or TLS that is missing
     * @throws IOException     when the address the file names cannot be bound
     */
    public static Optional<MetricsEndpoint> start(String daemon, Reads control, Key<Optional<InetSocketAddress>> where,
            Optional<TlsSource> tls, PrometheusRegistry registry, Consumer<String> log)
            throws ConfigException, IOException {
        return start(daemon, control, where, List.of(), tls, registry, log);
    }

    /**
     * As {@link #start(String, Reads, Key, Optional, PrometheusRegistry, Consumer)}, and the page also has the
     * pages of {@code gathered} that are on: one on loopback is asked at each scrape, one elsewhere is left to
     * be scraped on its own ({@code log} says so once).
     */
    public static Optional<MetricsEndpoint> start(String daemon, Reads control, Key<Optional<InetSocketAddress>> where,
            List<Gathered> gathered, Optional<TlsSource> tls, PrometheusRegistry registry, Consumer<String> log)
            throws ConfigException, IOException {
        Optional<InetSocketAddress> address = control.get(where);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        EndpointSettings settings = new EndpointSettings(daemon, address.get(), control.get(ControlFiles.METRICSTOKEN),
                tls.isPresent() ? Optional.of(tlsServer(tls.get(), control)) : Optional.empty());
        try {
            return Optional.of(MetricsEndpoint.start(settings, registry, sources(gathered, control, log),
                    control.path(ControlFiles.METRICSTOKEN).toString(),
                    control.path(ControlFiles.SERVERCERT_PEM).toString()));
        } catch (EndpointException e) {
            throw new ConfigException(control.path(where), 1, e.getMessage());
        } catch (IOException e) {
            if (control.file(where).isPresent()) {
                throw e;
            }
            log.accept("metrics: not served: " + e.getMessage() + "; write another address:port to "
                    + control.path(where) + ", or off");
            return Optional.empty();
        }
    }

    private static List<MetricsSource> sources(List<Gathered> gathered, Reads control, Consumer<String> log)
            throws ConfigException {
        List<MetricsSource> sources = new ArrayList<>();
        for (Gathered other : gathered) {
            Optional<InetSocketAddress> address = control.get(other.where());
            if (address.isEmpty()) {
                continue;
            }
            if (address.get().getAddress() == null || !address.get().getAddress().isLoopbackAddress()
                    || address.get().getPort() == 0) {
                log.accept("metrics: " + other.daemon() + "'s endpoint (" + control.path(other.where()) + ") is not "
                        + "on loopback or has no fixed port, so this page does not gather it: scrape it on its own");
            } else {
                sources.add(new MetricsSource(other.daemon(), address.get()));
            }
        }
        return sources;
    }

    private static TlsServer tlsServer(TlsSource tls, Reads control) throws ConfigException {
        try {
            SSLContext context = tls.reloadingContext();
            return new TlsServer(context, ServerTls.protocols(), ServerTls.cipherSuites(context));
        } catch (GeneralSecurityException e) {
            throw new ConfigException(control.path(ControlFiles.SERVERCERT_PEM), 0, "cannot be used for TLS: "
                    + e.getMessage(), e);
        }
    }
}
