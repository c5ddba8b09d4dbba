package org.godshell.toaster.mailmetrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.IntSupplier;
import org.godshell.toaster.pop3.LoginObserver;

/** pop3d's counters: logins by outcome, and the addresses its login throttle blocks now. */
final class Pop3Metrics implements LoginObserver {

    private final Counter logins;

    Pop3Metrics(PrometheusRegistry registry, IntSupplier throttled) {
        logins = Counter.builder().name("toaster_pop3_logins_total")
                .help("POP3 logins: ok (mailbox opened), failed (wrong user or password), blocked (the address "
                        + "is throttled)")
                .labelNames("outcome").register(registry);
        for (Outcome outcome : Outcome.values()) {
            logins.labelValues(outcome.label());
        }
        GaugeWithCallback.builder().name("toaster_pop3_login_throttled_addresses")
                .help("client addresses the POP3 login throttle blocks now")
                .callback(callback -> callback.call(throttled.getAsInt())).register(registry);
    }

    @Override
    public void login(Outcome outcome) {
        logins.labelValues(outcome.label()).inc();
    }
}
