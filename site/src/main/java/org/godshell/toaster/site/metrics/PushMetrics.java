package org.godshell.toaster.site.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.godshell.toaster.site.git.PushObserver;

/** Pushes by outcome and the reason of a refusal; saves from the browser's editor by outcome. */
final class PushMetrics implements PushObserver {

    private final Counter pushes;
    private final Counter saves;

    PushMetrics(PrometheusRegistry registry) {
        pushes = Counter.builder().name("toaster_wiki_pushes_total")
                .help("git pushes to the wiki: accepted (main moved, reason none) or refused, by reason: auth "
                        + "(credentials sent and refused), checks, limits, other")
                .labelNames("outcome", "reason").register(registry);
        saves = Counter.builder().name("toaster_wiki_saves_total")
                .help("saves from the browser's editor: saved, refused (a check), conflict (main moved meanwhile), "
                        + "failed")
                .labelNames("outcome").register(registry);
        for (Push push : Push.values()) {
            pushes.labelValues(outcome(push), push.reason());
        }
        for (Save save : Save.values()) {
            saves.labelValues(save.label());
        }
    }

    private static String outcome(Push push) {
        return push.accepted() ? "accepted" : "refused";
    }

    @Override
    public void pushed(Push push) {
        pushes.labelValues(outcome(push), push.reason()).inc();
    }

    @Override
    public void saved(Save save) {
        saves.labelValues(save.label()).inc();
    }
}
