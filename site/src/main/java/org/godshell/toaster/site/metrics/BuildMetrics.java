package org.godshell.toaster.site.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.godshell.toaster.site.build.BuildObserver;

/** Builds by mode and outcome, their duration, and the pages of the site published last. */
final class BuildMetrics implements BuildObserver {

    /**
     * Seconds: an incremental build of a small wiki takes a fraction of a second, a full build of a large one
     * on a small host a minute or more (bench/README.md).
     */
    static final double[] BUCKETS = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600};

    private final Counter builds;
    private final Histogram duration;
    private final Gauge pages;

    BuildMetrics(PrometheusRegistry registry) {
        builds = Counter.builder().name("toaster_wiki_builds_total")
                .help("wiki builds (at start, after a push, after a save): ok (published) or failed (an error, or a "
                        + "strict build with broken links), full or incremental")
                .labelNames("mode", "outcome").register(registry);
        duration = Histogram.builder().name("toaster_wiki_build_duration_seconds")
                .help("how long wiki builds took, reading the repository to publishing")
                .labelNames("mode").classicOnly().classicUpperBounds(BUCKETS).withoutExemplars()
                .register(registry);
        pages = Gauge.builder().name("toaster_wiki_build_pages")
                .help("pages of the site published last; 0 until the first build is published")
                .register(registry);
        for (Mode mode : Mode.values()) {
            duration.labelValues(mode.label());
            for (Outcome outcome : Outcome.values()) {
                builds.labelValues(mode.label(), outcome.label());
            }
        }
    }

    @Override
    public void built(Mode mode, Outcome outcome, double seconds, int pageCount) {
        builds.labelValues(mode.label(), outcome.label()).inc();
        duration.labelValues(mode.label()).observe(Math.max(0, seconds));
        if (outcome == Outcome.OK) {
            pages.set(pageCount);
        }
    }
}
