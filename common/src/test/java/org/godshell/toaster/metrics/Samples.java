package org.godshell.toaster.metrics;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a registry as a scrape would: one value per metric name and labels. Shared by the metrics tests of
 * mailserver and of the site, through common's test jar.
 */
public final class Samples {

    /** A metric family, its name as exposed (counters with {@code _total}), and one data point's labels. */
    public record Series(String name, Labels labels) {}

    private Samples() {
    }

    /** A counter's, a gauge's, or a histogram's count; 0 when the series does not exist. */
    public static double value(PrometheusRegistry registry, String name, String... labels) {
        Labels wanted = Labels.of(labels);
        for (MetricSnapshot metric : registry.scrape()) {
            if (!exposed(metric).equals(name)) {
                continue;
            }
            for (DataPointSnapshot point : metric.getDataPoints()) {
                if (point.getLabels().equals(wanted)) {
                    return switch (point) {
                        case CounterSnapshot.CounterDataPointSnapshot c -> c.getValue();
                        case GaugeSnapshot.GaugeDataPointSnapshot g -> g.getValue();
                        case HistogramSnapshot.HistogramDataPointSnapshot h -> h.getCount();
                        default -> throw new IllegalArgumentException(name + " is not a counter, gauge or histogram");
                    };
                }
            }
        }
        return 0;
    }

    /** Every data point of the registry with its family's exposed name. */
    public static List<Series> all(PrometheusRegistry registry) {
        List<Series> out = new ArrayList<>();
        for (MetricSnapshot metric : registry.scrape()) {
            for (DataPointSnapshot point : metric.getDataPoints()) {
                out.add(new Series(exposed(metric), point.getLabels()));
            }
        }
        return out;
    }

    private static String exposed(MetricSnapshot metric) {
        String name = metric.getMetadata().getPrometheusName();
        return metric instanceof CounterSnapshot ? name + "_total" : name;
    }
}
