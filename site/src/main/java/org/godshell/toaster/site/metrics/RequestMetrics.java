package org.godshell.toaster.site.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.godshell.toaster.site.serve.RequestObserver;
import org.godshell.toaster.site.serve.RouteClass;
import org.godshell.toaster.site.serve.StatusClass;

/** HTTP requests by the route that answered and the class of the status; every pair made at zero. */
final class RequestMetrics implements RequestObserver {

    private final Counter requests;

    RequestMetrics(PrometheusRegistry registry) {
        requests = Counter.builder().name("toaster_wiki_http_requests_total")
                .help("HTTP requests the wiki server answered, by route (site, git, editor, search, commit, "
                        + "mailclients, mtasts, acme, other) and status class")
                .labelNames("route", "status").register(registry);
        for (RouteClass route : RouteClass.values()) {
            for (StatusClass status : StatusClass.values()) {
                requests.labelValues(route.label(), status.label());
            }
        }
    }

    @Override
    public void answered(RouteClass route, StatusClass status) {
        requests.labelValues(route.label(), status.label()).inc();
    }
}
