package org.godshell.toaster.mailmetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's, started by the test on a free loopback port with its own data directory) scrapes
 * a real smtpd's endpoint after a burst of sessions, and a query through its HTTP API gives the burst's counts.
 * Skipped with the reason where prometheus is missing, except under {@code CI=true}, where it fails.
 */
class PrometheusScrapeTest {

    static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");

    @TempDir
    Path root;

    @BeforeAll
    static void prometheus() {
        if (Files.isExecutable(PROMETHEUS)) {
            return;
        }
        String why = PROMETHEUS + " is not installed; install it with: apt-get install -y prometheus";
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true, so the scrape test must run, but " + why);
        }
        Assumptions.abort(why);
    }

    @Test
    void prometheusScrapesTheBurstsCounts() throws Exception {
        Path home = Files.createDirectories(root.resolve("smtpd"));
        try (MetricsTestServer server = new MetricsTestServer(home, Map.of(), Map.of())) {
            try (SmtpClient client = new SmtpClient(server.smtp())) {
                client.say("EHLO client.example");
                for (int i = 0; i < 5; i++) {
                    assertTrue(client.send("a@example.org", "user" + i + "@local.test").startsWith("250"));
                }
                client.say("MAIL FROM:<a@example.org>");
                assertTrue(client.say("RCPT TO:<x@elsewhere.example>").startsWith("553"));
                assertTrue(client.say("RCPT TO:<y@elsewhere.example>").startsWith("553"));
                client.say("QUIT");
            }
            int web = freePort();
            String target = "127.0.0.1:" + server.endpoint.address().getPort();
            Path config = Files.writeString(root.resolve("prometheus.yml"), """
                    global:
                      scrape_interval: 1s
                    scrape_configs:
                      - job_name: toaster
                        static_configs:
                          - targets: ['%s']
                    """.formatted(target));
            Process prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + root.resolve("data"), "--web.listen-address=127.0.0.1:" + web)
                    .redirectErrorStream(true).redirectOutput(root.resolve("prometheus.log").toFile()).start();
            try {
                String api = "http://127.0.0.1:" + web + "/api/v1/query?query=";
                String accepted = query(api, "toaster_smtp_transactions_total{result=\"accepted\",stage=\"none\"}");
                assertEquals("5", accepted);
                assertEquals("2", query(api, "toaster_smtp_transactions_total{result=\"refused\",stage=\"rcpthosts\"}"));
                assertEquals("1", query(api, "up{job=\"toaster\"}"));
            } finally {
                prometheus.destroy();
                if (!prometheus.waitFor(30, TimeUnit.SECONDS)) {
                    prometheus.destroyForcibly();
                }
            }
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static final Pattern VALUE = Pattern.compile("\"value\":\\[[0-9.]+,\"([^\"]+)\"\\]");

    /**
     * The value of an instant query once Prometheus has it: it starts, scrapes every second, and the series
     * appears after the first scrape; polled, with a deadline far beyond that.
     */
    private String query(String api, String promql) throws Exception {
        String url = api + URLEncoder.encode(promql, StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> answer = Scrape.get(url, "application/json");
                last = answer.body();
                Matcher value = VALUE.matcher(last);
                if (answer.statusCode() == 200 && value.find()) {
                    return value.group(1);
                }
            } catch (java.io.IOException e) {
                last = e.toString();                            // not listening yet
            }
            Thread.sleep(200);
        }
        fail("no answer to " + promql + " from Prometheus; last: " + last + "; its log: "
                + Files.readString(root.resolve("prometheus.log")));
        return "";
    }
}
