package org.godshell.toaster.mailmetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.godshell.toaster.filter.rspamd.JsonReading;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query of the dashboard, as Grafana would send it, run by a real Prometheus (Debian's, started by the test
 * on a free loopback port) that scrapes smtpd's and pop3d's real endpoints after {@link DashboardBurst}: each is
 * PromQL that Prometheus accepts and that returns series, and the instance variable lists both endpoints. Grafana
 * itself is not run (no package of it here): {@link DashboardFileTest} checks the file's model. Skipped with the
 * reason where prometheus is missing, except under {@code CI=true}, where it fails.
 */
class DashboardQueriesTest {

    /** What Grafana puts for the variables: All of the instance variable, and a rate window over a few scrapes. */
    private static final Map<String, String> GRAFANA = Map.of("$instance", ".+", "$__rate_interval", "10s");

    @TempDir
    Path root;

    @BeforeAll
    static void prometheus() {
        if (Files.isExecutable(PrometheusScrapeTest.PROMETHEUS)) {
            return;
        }
        String why = PrometheusScrapeTest.PROMETHEUS + " is not installed; install it with: apt-get install -y prometheus";
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true, so the dashboard's queries must run, but " + why);
        }
        Assumptions.abort(why);
    }

    @Test
    void prometheusAnswersEveryQueryWithSeries() throws Exception {
        Dashboard dashboard = Dashboard.read();
        try (DashboardBurst burst = new DashboardBurst(root.resolve("toaster"))) {
            burst.run();
            String smtpd = "127.0.0.1:" + burst.smtpdEndpoint().getPort();
            String pop3d = "127.0.0.1:" + burst.pop3dEndpoint().getPort();
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
                          - targets: ['%s', '%s']
                    """.formatted(smtpd, pop3d));
            Process prometheus = new ProcessBuilder(PrometheusScrapeTest.PROMETHEUS.toString(),
                    "--config.file=" + config, "--storage.tsdb.path=" + root.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + web)
                    .redirectErrorStream(true).redirectOutput(root.resolve("prometheus.log").toFile()).start();
            try {
                String api = "http://127.0.0.1:" + web + "/api/v1/";
                for (Dashboard.Query query : dashboard.queries()) {
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
                assertEquals(new TreeSet<>(Set.of(smtpd, pop3d)), instances);
            } finally {
                prometheus.destroy();
                if (!prometheus.waitFor(30, TimeUnit.SECONDS)) {
                    prometheus.destroyForcibly();
                }
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
