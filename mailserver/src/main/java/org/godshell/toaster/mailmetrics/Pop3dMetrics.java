package org.godshell.toaster.mailmetrics;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.util.Optional;
import org.godshell.toaster.auth.AuthThrottle;
import org.godshell.toaster.metrics.JvmMetrics;
import org.godshell.toaster.pop3.LoginObserver;
import org.godshell.toaster.tls.TlsSource;

/** The metrics of one pop3d process: its logins, its certificates and its JVM. */
public final class Pop3dMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Pop3Metrics logins;

    private Pop3dMetrics(AuthThrottle throttle, Optional<TlsSource> tls, Clock clock) {
        logins = new Pop3Metrics(registry, throttle::blockedNow);
        tls.ifPresent(source -> CertificateMetrics.register(registry, "pop3d", source, clock));
        JvmMetrics.register(registry, "pop3d");
    }

    public static Pop3dMetrics create(AuthThrottle throttle, Optional<TlsSource> tls, Clock clock) {
        return new Pop3dMetrics(throttle, tls, clock);
    }

    public LoginObserver logins() {
        return logins;
    }

    public PrometheusRegistry registry() {
        return registry;
    }
}
