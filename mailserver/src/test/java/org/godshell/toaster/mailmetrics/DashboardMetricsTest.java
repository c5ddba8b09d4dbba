package org.godshell.toaster.mailmetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard against what the daemons really serve: after {@link DashboardBurst}'s real sessions over
 * loopback, one scrape of smtpd's endpoint, whose page gathers pop3d's. Every metric a query reads must be
 * served, with every label the query matches or groups by; and every {@code toaster_} metric served must be on
 * the dashboard, so a new metric gets its panel. The wiki's metrics ({@link Dashboard#WIKI_PREFIX}) are left out here: neither
 * daemon serves them, and cli's {@code WikiDashboardTest} holds them against the wiki's own endpoint.
 */
class DashboardMetricsTest {

    /** Labels Prometheus adds to every series it scrapes (its target's), never in the endpoint's own output. */
    private static final Set<String> TARGET_LABELS = Set.of("instance", "job");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+), *(\\w+)\\)");

    @TempDir
    Path root;

    @Test
    void everyQueryReadsWhatTheEndpointsServe() throws Exception {
        Map<String, Set<String>> served = new HashMap<>();
        try (DashboardBurst burst = new DashboardBurst(root)) {
            burst.run();
            served.putAll(Exposition.labelsByName(scrape(burst.smtpdEndpoint())));
        }

        Dashboard dashboard = Dashboard.read();
        Set<String> used = new TreeSet<>();
        for (Dashboard.Query query : dashboard.queries()) {
            PromqlNames.of(query.expr()).forEach((metric, labels) -> {
                used.add(metric);
                if (!Dashboard.isWiki(metric)) {
                    assertServed(served, metric, labels, query.panel() + ": " + query.expr());
                }
            });
        }
        String instances = (String) dashboard.variable("instance").get("query");
        Matcher variable = LABEL_VALUES.matcher(instances);
        assertTrue(variable.matches(), instances);
        assertTrue(TARGET_LABELS.contains(variable.group(2)), instances);
        PromqlNames.of(variable.group(1)).forEach((metric, labels) -> {
            if (!Dashboard.isWiki(metric)) {
                assertServed(served, metric, labels, "the instance variable: " + instances);
            }
        });

        Set<String> toaster = new TreeSet<>();
        for (String name : served.keySet()) {
            String family = name.replaceFirst("_(count|sum|created)$", "");
            if (name.startsWith("toaster_") && (family.equals(name) || !served.containsKey(family + "_bucket"))) {
                toaster.add(name);
            }
        }
        toaster.removeAll(used);
        assertEquals(Set.of(), toaster, "served, but on no panel of the dashboard");
        assertTrue(used.containsAll(List.of("jvm_memory_used_bytes", "jvm_threads_current",
                "toaster_spp_plugin_duration_seconds_bucket")), used.toString());
    }

    private static void assertServed(Map<String, Set<String>> served, String metric, Set<String> labels,
            String where) {
        assertTrue(served.containsKey(metric), where + " reads " + metric + ", which no endpoint serves; served: "
                + new TreeSet<>(served.keySet()));
        for (String label : labels) {
            assertTrue(TARGET_LABELS.contains(label) || served.get(metric).contains(label),
                    where + " uses the label " + label + ", which " + metric + " does not have: "
                            + served.get(metric));
        }
    }

    private static String scrape(InetSocketAddress endpoint) throws Exception {
        HttpResponse<String> scrape = Scrape.get("http://127.0.0.1:" + endpoint.getPort() + "/metrics",
                Scrape.PROMETHEUS_TEXT);
        assertEquals(200, scrape.statusCode());
        return scrape.body();
    }
}
