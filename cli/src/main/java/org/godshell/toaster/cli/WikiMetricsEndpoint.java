package org.godshell.toaster.cli;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.mailmetrics.MetricsEndpoints;
import org.godshell.toaster.metrics.MetricsEndpoint;
import org.godshell.toaster.tls.TlsSource;

/**
 * {@code toaster wiki serve}'s metrics endpoint, where {@code control/listen-metrics-wiki} says, started as
 * smtpd's and pop3d's are ({@link MetricsEndpoints#start}): off loopback it needs {@code metricstoken} and the
 * server's certificate, which the wiki watches anyway when it serves HTTPS, and watches for the endpoint alone
 * when it does not.
 */
final class WikiMetricsEndpoint {

    private WikiMetricsEndpoint() {
    }

    /**
     * @param https the certificates the wiki's HTTPS uses, if it serves HTTPS
     * @return the running endpoint, or empty when the file says off or the default port is taken (logged)
     */
    static Optional<MetricsEndpoint> start(Controls files, Path control, Optional<TlsSource> https,
            PrometheusRegistry registry, Consumer<String> log) throws ConfigException, IOException {
        Optional<InetSocketAddress> address = files.get(ControlFiles.LISTEN_METRICS_WIKI);
        boolean offLoopback = address.isPresent() && (address.get().getAddress() == null
                || !address.get().getAddress().isLoopbackAddress());
        Optional<TlsSource> tls = https.isPresent() || !offLoopback ? https : TlsSource.watch(control, log);
        return MetricsEndpoints.start("wiki", files, ControlFiles.LISTEN_METRICS_WIKI, tls, registry, log);
    }
}
