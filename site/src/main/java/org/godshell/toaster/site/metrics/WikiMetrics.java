package org.godshell.toaster.site.metrics;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.godshell.toaster.metrics.JvmMetrics;
import org.godshell.toaster.site.build.BuildObserver;
import org.godshell.toaster.site.git.PushObserver;
import org.godshell.toaster.site.serve.RequestObserver;

/** The metrics of one {@code toaster wiki serve} process: its builds, pushes, saves, requests and JVM. */
public final class WikiMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final BuildMetrics builds = new BuildMetrics(registry);
    private final PushMetrics pushes = new PushMetrics(registry);
    private final RequestMetrics requests = new RequestMetrics(registry);

    private WikiMetrics() {
        JvmMetrics.register(registry, "wiki");
    }

    public static WikiMetrics create() {
        return new WikiMetrics();
    }

    public BuildObserver builds() {
        return builds;
    }

    public PushObserver pushes() {
        return pushes;
    }

    public RequestObserver requests() {
        return requests;
    }

    public PrometheusRegistry registry() {
        return registry;
    }
}
