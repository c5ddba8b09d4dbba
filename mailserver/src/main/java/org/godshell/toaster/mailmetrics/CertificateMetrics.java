package org.godshell.toaster.mailmetrics;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.godshell.toaster.tls.TlsSource;

/**
 * How long each served certificate has left, read at scrape time from the certificates the daemon serves now
 * ({@link TlsSource#current}, which picks up a renewal at once). Seconds, the base unit Prometheus names want;
 * negative once expired. The label is {@code default} (servercert.pem) or a servercerts/ file name; smtpd and
 * pop3d serve the same files and each says which it read ({@code daemon}), as a stale process would differ.
 */
final class CertificateMetrics {

    private CertificateMetrics() {
    }

    static void register(PrometheusRegistry registry, String daemon, TlsSource tls, Clock clock) {
        GaugeWithCallback.builder().name("toaster_tls_certificate_expiry_seconds")
                .help("seconds until each served certificate expires (divide by 86400 for days); negative once "
                        + "expired")
                .constLabels(Labels.of("daemon", daemon))
                .labelNames("certificate")
                .callback(callback -> {
                    for (Map.Entry<String, X509Certificate> served : tls.current().served().entrySet()) {
                        Duration left = Duration.between(clock.instant(), served.getValue().getNotAfter().toInstant());
                        callback.call(left.toSeconds(), served.getKey());
                    }
                }).register(registry);
    }
}
