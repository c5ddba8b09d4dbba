package org.godshell.toaster.mailmetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's wiki row against what {@code toaster wiki serve} really serves, here where both the mail server
 * and the site are on the class path (mailserver's dashboard helpers come through its test-jar, in their own
 * package): after {@link WikiBurst}, every wiki metric a query reads must be served by the wiki's endpoint with
 * every label the query uses, every {@code toaster_wiki_} metric served must be on a panel, and the instance
 * variable must list the wiki's endpoint. Then a real Prometheus runs every query of the dashboard against one
 * target, smtpd's endpoint, whose page gathers pop3d's and the wiki's (one URL per host).
 */
class WikiDashboardTest {

    /** Labels Prometheus adds to every series it scrapes (its target's), never in the endpoint's own output. */
    private static final Set<String> TARGET_LABELS = Set.of("instance", "job");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+), *(\\w+)\\)");

    @TempDir
    Path root;

    @Test
    void everyWikiQueryReadsWhatTheWikiServes() throws Exception {
        String scrape;
        try (WikiBurst wiki = new WikiBurst(Files.createDirectories(root.resolve("wiki")))) {
            wiki.run(root);
            scrape = scrape(wiki.endpoint());
        }
        assertEquals(1.0, value(scrape, "toaster_wiki_builds_total{mode=\"full\",outcome=\"ok\"}"), scrape);
        // JGit's client sends its credentials again on each 401, a few times before it gives up: each is counted.
        assertTrue(value(scrape, "toaster_wiki_pushes_total{outcome=\"refused\",reason=\"auth\"}") >= 1, scrape);
        Map<String, Set<String>> served = Exposition.labelsByName(scrape);

        Dashboard dashboard = Dashboard.read();
        Set<String> used = new TreeSet<>();
        for (Dashboard.Query query : dashboard.queries()) {
            PromqlNames.of(query.expr()).forEach((metric, labels) -> {
                used.add(metric);
                if (Dashboard.isWiki(metric)) {
                    assertServed(served, metric, labels, query.panel() + ": " + query.expr());
                }
            });
        }
        String instances = (String) dashboard.variable("instance").get("query");
        Matcher variable = LABEL_VALUES.matcher(instances);
        assertTrue(variable.matches(), instances);
        Set<String> listing = PromqlNames.of(variable.group(1)).keySet().stream().filter(Dashboard::isWiki)
                .collect(Collectors.toCollection(TreeSet::new));
        assertFalse(listing.isEmpty(), "the instance variable lists no wiki: " + instances);
        listing.forEach(metric -> assertServed(served, metric, Set.of(), "the instance variable: " + instances));

        Set<String> wikiServed = new TreeSet<>();
        for (String name : served.keySet()) {
            String family = name.replaceFirst("_(count|sum|created)$", "");
            if (Dashboard.isWiki(name) && (family.equals(name) || !served.containsKey(family + "_bucket"))) {
                wikiServed.add(name);
            }
        }
        assertTrue(wikiServed.containsAll(List.of("toaster_wiki_builds_total", "toaster_wiki_build_pages",
                "toaster_wiki_build_duration_seconds_bucket", "toaster_wiki_pushes_total", "toaster_wiki_saves_total",
                "toaster_wiki_http_requests_total")), wikiServed.toString());
        wikiServed.removeAll(used);
        assertEquals(Set.of(), wikiServed, "served by the wiki, but on no panel of the dashboard");
        assertTrue(served.keySet().containsAll(List.of("jvm_memory_used_bytes", "jvm_memory_max_bytes",
                "jvm_threads_current")), "the JVM row reads the wiki's JVM too");
    }

    @Test
    void prometheusAnswersEveryQueryFromSmtpdsGatheredPage() throws Exception {
        DashboardQueries.assumePrometheus();
        try (WikiBurst wiki = new WikiBurst(Files.createDirectories(root.resolve("wiki")));
             DashboardBurst burst = new DashboardBurst(root.resolve("toaster"), Optional.of(wiki.endpoint()))) {
            burst.run();
            wiki.run(root);
            String smtpd = "127.0.0.1:" + burst.smtpdEndpoint().getPort();
            Set<Object> instances = DashboardQueries.run(Files.createDirectories(root.resolve("prometheus")),
                    List.of(smtpd), query -> true);
            assertEquals(Set.of(smtpd), instances, "one URL per host: smtpd's page has pop3d's and the wiki's");
        }
    }

    private static void assertServed(Map<String, Set<String>> served, String metric, Set<String> labels,
            String where) {
        assertTrue(served.containsKey(metric), where + " reads " + metric + ", which the wiki does not serve; "
                + "served: " + new TreeSet<>(served.keySet()));
        for (String label : labels) {
            assertTrue(TARGET_LABELS.contains(label) || served.get(metric).contains(label),
                    where + " uses the label " + label + ", which " + metric + " does not have: "
                            + served.get(metric));
        }
    }

    /** The value of one series, exactly as the text format writes its name and labels; absent is a failure. */
    private static double value(String scrape, String series) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).split(" ")[0]);
            }
        }
        throw new AssertionError("no series " + series);
    }

    private static String scrape(InetSocketAddress endpoint) throws Exception {
        HttpResponse<String> scrape = Scrape.get("http://127.0.0.1:" + endpoint.getPort() + "/metrics",
                Scrape.PROMETHEUS_TEXT);
        assertEquals(200, scrape.statusCode());
        return scrape.body();
    }
}
