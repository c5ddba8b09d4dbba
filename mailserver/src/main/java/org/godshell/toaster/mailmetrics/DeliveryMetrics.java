package org.godshell.toaster.mailmetrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import org.godshell.toaster.deliver.DeliveryObserver;
import org.godshell.toaster.deliver.QueueTally;

/**
 * Delivery's counters and the queue's gauges. The gauges are read at scrape time from the queue runner's
 * {@link QueueTally}, which it keeps in memory as messages come and go: no scrape looks at the queue directory.
 */
final class DeliveryMetrics implements DeliveryObserver {

    private final Counter deliveries;
    private final Histogram remote;

    DeliveryMetrics(PrometheusRegistry registry) {
        deliveries = Counter.builder().name("toaster_deliveries_total")
                .help("recipients by the outcome of a delivery attempt: local (into a Maildir), remote (accepted "
                        + "by the remote host), deferred (to be retried), bounced (failed for good or expired)")
                .labelNames("outcome").register(registry);
        remote = Histogram.builder().name("toaster_remote_delivery_duration_seconds")
                .help("time of each remote SMTP transaction (one message to one domain), whatever its outcome")
                .classicOnly().classicUpperBounds(Buckets.REMOTE).withoutExemplars().register(registry);
        for (Result result : Result.values()) {
            deliveries.labelValues(result.label());
        }
    }

    /** The queue's gauges, from the runner's tally. */
    static void queue(PrometheusRegistry registry, QueueTally tally, Clock clock) {
        GaugeWithCallback.builder().name("toaster_queue_messages").help("messages in the queue")
                .callback(callback -> callback.call(tally.messages())).register(registry);
        GaugeWithCallback.builder().name("toaster_queue_recipients")
                .help("recipients still to deliver, over every queued message")
                .callback(callback -> callback.call(tally.recipients())).register(registry);
        GaugeWithCallback.builder().name("toaster_queue_oldest_message_age_seconds")
                .help("how long the oldest queued message has waited; 0 when the queue is empty")
                .callback(callback -> callback.call(tally.oldest(clock.instant()).toMillis() / 1000.0))
                .register(registry);
    }

    @Override
    public void delivered(Result result, int count) {
        deliveries.labelValues(result.label()).inc(count);
    }

    @Override
    public void remoteTransaction(long nanos) {
        remote.observe(nanos / 1e9);
    }
}
