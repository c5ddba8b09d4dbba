package org.godshell.toaster.mailmetrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.IntSupplier;
import org.godshell.toaster.smtpd.SmtpObserver;
import org.godshell.toaster.smtpd.Stage;
import org.godshell.toaster.smtpd.TlsVersion;

/**
 * smtpd's counters: connections and sessions by listener port (and TLS version), the verdicts on transactions by
 * result and stage, failed and throttled logins, and each plugin's run time. Every series of the fixed sets is
 * made at zero when its port is known, so a rate over a counter that has not moved yet is 0, not absent.
 */
final class SmtpMetrics implements SmtpObserver {

    private final Counter connections;
    private final Counter refusedConnections;
    private final Counter sessions;
    private final Counter transactions;
    private final Counter authFailures;
    private final Counter authBlocked;
    private final Histogram plugins;

    SmtpMetrics(PrometheusRegistry registry, IntSupplier throttled) {
        connections = Counter.builder().name("toaster_smtp_connections_total")
                .help("TCP connections accepted by an SMTP listener").labelNames("port").register(registry);
        refusedConnections = Counter.builder().name("toaster_smtp_connections_refused_total")
                .help("connections turned away before the greeting: a tcp.smtp deny rule, or a connection limit "
                        + "(concurrencyincoming, concurrencyperip)")
                .labelNames("port", "reason").register(registry);
        sessions = Counter.builder().name("toaster_smtp_sessions_total")
                .help("SMTP sessions ended, by listener port and the TLS version they ended with")
                .labelNames("port", "tls").register(registry);
        transactions = Counter.builder().name("toaster_smtp_transactions_total")
                .help("verdicts on mail transactions: each message accepted, and each MAIL, RCPT, DATA or "
                        + "message deferred (4xx) or refused (5xx), with the stage that refused it")
                .labelNames("result", "stage").register(registry);
        authFailures = Counter.builder().name("toaster_smtp_auth_failures_total")
                .help("failed SMTP AUTH logins").labelNames("port").register(registry);
        authBlocked = Counter.builder().name("toaster_smtp_auth_blocked_total")
                .help("SMTP AUTH attempts from addresses the login throttle blocks").labelNames("port")
                .register(registry);
        GaugeWithCallback.builder().name("toaster_smtp_auth_throttled_addresses")
                .help("client addresses the SMTP login throttle blocks now")
                .callback(callback -> callback.call(throttled.getAsInt())).register(registry);
        plugins = Histogram.builder().name("toaster_spp_plugin_duration_seconds")
                .help("time of each plugin run, by the plugin's name in the smtpplugins file")
                .labelNames("plugin").classicOnly().classicUpperBounds(Buckets.PLUGIN).withoutExemplars()
                .register(registry);
        for (Result result : Result.values()) {
            for (Stage stage : Stage.FIXED) {
                if ((result == Result.ACCEPTED) == (stage == Stage.NONE)) {
                    transactions.labelValues(result.label(), stage.label());
                }
            }
        }
    }

    /** Makes the series of a listener's port at zero. */
    void listening(int port) {
        String label = Integer.toString(port);
        connections.labelValues(label);
        authFailures.labelValues(label);
        authBlocked.labelValues(label);
        for (Refusal reason : Refusal.values()) {
            refusedConnections.labelValues(label, reason(reason));
        }
        for (TlsVersion tls : TlsVersion.values()) {
            sessions.labelValues(label, tls.label());
        }
    }

    private static String reason(Refusal reason) {
        return switch (reason) {
            case RULE -> "rule";
            case LIMIT -> "limit";
        };
    }

    @Override
    public void connected(int port) {
        connections.labelValues(Integer.toString(port)).inc();
    }

    @Override
    public void connectionRefused(int port, Refusal why) {
        refusedConnections.labelValues(Integer.toString(port), reason(why)).inc();
    }

    @Override
    public void sessionEnded(int port, TlsVersion tls) {
        sessions.labelValues(Integer.toString(port), tls.label()).inc();
    }

    @Override
    public void verdict(Result result, Stage stage) {
        transactions.labelValues(result.label(), stage.label()).inc();
    }

    @Override
    public void authFailed(int port) {
        authFailures.labelValues(Integer.toString(port)).inc();
    }

    @Override
    public void authBlocked(int port) {
        authBlocked.labelValues(Integer.toString(port)).inc();
    }

    @Override
    public void pluginRan(String plugin, long micros) {
        plugins.labelValues(plugin).observe(micros / 1e6);
    }
}
