package org.godshell.toaster.mailmetrics;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.util.Optional;
import org.godshell.toaster.auth.AuthThrottle;
import org.godshell.toaster.deliver.DeliveryObserver;
import org.godshell.toaster.deliver.QueueTally;
import org.godshell.toaster.metrics.JvmMetrics;
import org.godshell.toaster.smtpd.SmtpObserver;
import org.godshell.toaster.tls.TlsSource;

/**
 * The metrics of one smtpd process, made once at its start: the SMTP server's, delivery's (this process
 * delivers too), the queue's, the certificates' and the JVM's, in a registry of their own (never the client
 * library's global one, so that tests make as many as they like).
 */
public final class SmtpdMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final SmtpMetrics smtp;
    private final DeliveryMetrics delivery;
    private final Clock clock;

    private SmtpdMetrics(AuthThrottle throttle, Optional<TlsSource> tls, Clock clock) {
        this.clock = clock;
        smtp = new SmtpMetrics(registry, throttle::blockedNow);
        delivery = new DeliveryMetrics(registry);
        tls.ifPresent(source -> CertificateMetrics.register(registry, "smtpd", source, clock));
        JvmMetrics.register(registry, "smtpd");
    }

    /** {@code throttle}: the one of the server's logins; {@code tls}: the certificates the server serves. */
    public static SmtpdMetrics create(AuthThrottle throttle, Optional<TlsSource> tls, Clock clock) {
        return new SmtpdMetrics(throttle, tls, clock);
    }

    public SmtpObserver smtp() {
        return smtp;
    }

    public DeliveryObserver delivery() {
        return delivery;
    }

    /** The listener ports, once bound, so that their series exist at zero from the first scrape. */
    public void listening(Iterable<Integer> ports) {
        ports.forEach(smtp::listening);
    }

    /** The queue's gauges, from the delivering runner's tally (absent with --no-deliver: nothing keeps one). */
    public void queue(QueueTally tally) {
        DeliveryMetrics.queue(registry, tally, clock);
    }

    public PrometheusRegistry registry() {
        return registry;
    }
}
