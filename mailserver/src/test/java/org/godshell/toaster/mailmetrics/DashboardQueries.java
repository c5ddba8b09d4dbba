package org.godshell.toaster.mailmetrics;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.godshell.toaster.filter.rspamd.JsonReading;
import org.junit.jupiter.api.Assumptions;

/**
 * The dashboard's queries, as Grafana would send them, run by a real Prometheus (Debian's, started on a free
 * loopback port) that scrapes the endpoints it is given: each is PromQL that Prometheus accepts and that returns
 * series. Shared by {@link DashboardQueriesTest} (smtpd and pop3d) and cli's {@code WikiDashboardTest} (the
 * three endpoints, the wiki's included), which reaches it through this module's test-jar.
 */
final class DashboardQueries {

    /** What Grafana puts for the variables: All of the instance variable, and a rate window over a few scrapes. */
    private static final Map<String, String> GRAFANA = Map.of("$instance", ".+", "$__rate_interval", "10s");

    private final Path root;

    private DashboardQueries(Path root) {
        this.root = root;
    }

    /**
     * Skips the calling test with the reason where prometheus is missing, except under {@code CI=true}, where it
     * fails.
     */
    static void assumePrometheus() {
        if (Files.isExecutable(PrometheusScrapeTest.PROMETHEUS)) {
            return;
        }
        String why = PrometheusScrapeTest.PROMETHEUS + " is not installed; install it with: apt-get install -y prometheus";
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true, so the dashboard's queries must run, but " + why);
        }
        Assumptions.abort(why);
    }

    /** True when {@code query} reads one of the wiki's metrics, which only {@code toaster wiki serve} serves. */
    static boolean readsTheWiki(Dashboard.Query query) {
        return PromqlNames.of(query.expr()).keySet().stream().anyMatch(Dashboard::isWiki);
    }

    /**
     * Runs each query of the dashboard that {@code which} keeps against a Prometheus scraping {@code targets}
     * (host:port), every one of them answered with series, and returns the instances the instance variable lists.
     */
    static Set<Object> run(Path root, List<String> targets, Predicate<Dashboard.Query> which) throws Exception {
        return new DashboardQueries(root).run(Dashboard.read(), targets, which);
    }

    private Set<Object> run(Dashboard dashboard, List<String> targets, Predicate<Dashboard.Query> which)
            throws Exception {
        int web;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            web = socket.getLocalPort();
        }
        Path config = Files.writeString(root.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: toaster
                    static_configs:
                      - targets: [%s]
                """.formatted(targets.stream().map(t -> "'" + t + "'").collect(Collectors.joining(", "))));
        Process prometheus = new ProcessBuilder(PrometheusScrapeTest.PROMETHEUS.toString(),
                "--config.file=" + config, "--storage.tsdb.path=" + root.resolve("data"),
                "--web.listen-address=127.0.0.1:" + web)
                .redirectErrorStream(true).redirectOutput(root.resolve("prometheus.log").toFile()).start();
        try {
            String api = "http://127.0.0.1:" + web + "/api/v1/";
            for (Dashboard.Query query : dashboard.queries()) {
                if (!which.test(query)) {
                    continue;
                }
                String expr = query.expr();
                for (Map.Entry<String, String> variable : GRAFANA.entrySet()) {
                    expr = expr.replace(variable.getKey(), variable.getValue());
                }
                answer(api + "query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8),
                        query.panel() + ": " + expr);
            }
            String selector = ((String) dashboard.variable("instance").get("query"))
                    .replaceFirst("^label_values\\((.+), *instance\\)$", "$1");
            Set<Object> instances = new TreeSet<>();
            for (Object series : answer(api + "series?match[]=" + URLEncoder.encode(selector,
                    StandardCharsets.UTF_8), "the instance variable: " + selector)) {
                instances.add(Dashboard.object(series, "a series").get("instance"));
            }
            return instances;
        } finally {
            prometheus.destroy();
            if (!prometheus.waitFor(30, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
    }

    /**
     * The non-empty result of an API call, once Prometheus has it: it starts, scrapes every second, and a rate
     * has a value from its second scrape on; polled, with a deadline far beyond that. An answer with the status
     * {@code error} (PromQL it does not accept) fails at once.
     */
    private List<?> answer(String url, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> answer = Scrape.get(url, "application/json");
                last = answer.body();
                Map<String, Object> body = Dashboard.object(JsonReading.parse(last), "the answer");
                if ("error".equals(body.get("status"))) {
                    fail(what + ": Prometheus refuses it: " + last);
                }
                Object data = body.get("data");
                List<?> result = data instanceof List<?> list ? list
                        : Dashboard.list(Dashboard.object(data, "data").get("result"), "data.result");
                if (!result.isEmpty()) {
                    return result;
                }
            } catch (IOException | IllegalArgumentException e) {
                last = e.toString();                            // not listening yet, or still starting
            }
            Thread.sleep(200);
        }
        fail("no series for " + what + "; last answer: " + last + "; its log: "
                + Files.readString(root.resolve("prometheus.log")));
        return List.of();
    }
}
