package org.godshell.toaster.mailmetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.godshell.toaster.auth.AuthThrottle;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.config.DeliveryConfig;
import org.godshell.toaster.config.Live;
import org.godshell.toaster.deliver.Injector;
import org.godshell.toaster.deliver.QueueRunner;
import org.godshell.toaster.deliver.Router;
import org.godshell.toaster.deliver.local.LocalDelivery;
import org.godshell.toaster.deliver.local.Maildir;
import org.godshell.toaster.deliver.remote.RemoteConfig;
import org.godshell.toaster.deliver.remote.RemoteDelivery;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.metrics.MetricsEndpoint;
import org.godshell.toaster.tls.TlsSource;
import org.godshell.toaster.users.UserStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard against what the daemons really serve: a real smtpd (with its delivery, as {@code toaster smtpd}
 * runs it) and pop3d's registry behind their endpoints, a small burst of real sessions over loopback (a relayed
 * message delivered locally and deferred remotely, a plugin run, a refusal), then one scrape of each endpoint.
 * Every metric a query reads must be served, with every label the query matches or groups by; and every
 * {@code toaster_} metric served must be on the dashboard, so a new metric gets its panel.
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
        served.putAll(Exposition.labelsByName(burstAndScrapeSmtpd()));
        served.putAll(Exposition.labelsByName(scrapePop3d()));

        Dashboard dashboard = Dashboard.read();
        Set<String> used = new TreeSet<>();
        for (Dashboard.Query query : dashboard.queries()) {
            PromqlNames.of(query.expr()).forEach((metric, labels) -> {
                used.add(metric);
                assertServed(served, metric, labels, query.panel() + ": " + query.expr());
            });
        }
        String instances = (String) dashboard.variable("instance").get("query");
        Matcher variable = LABEL_VALUES.matcher(instances);
        assertTrue(variable.matches(), instances);
        assertTrue(TARGET_LABELS.contains(variable.group(2)), instances);
        PromqlNames.of(variable.group(1)).forEach((metric, labels) ->
                assertServed(served, metric, labels, "the instance variable: " + instances));

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

    /**
     * A relayed message after a login over TLS, to a local mailbox (delivered) and to a remote domain whose MX
     * refuses connections (deferred, a remote transaction timed); a recipient the plugin refuses, another that
     * rcpthosts refuses; then smtpd's endpoint once the deliveries are counted.
     */
    private String burstAndScrapeSmtpd() throws Exception {
        Files.createDirectories(root.resolve("control"));
        UserStore users = UserStore.open(root);
        users.addDomain("local.test");
        users.addUser("ann@local.test", "ann's password".toCharArray());
        int closedPort;
        try (ServerSocket free = new ServerSocket(0)) {
            closedPort = free.getLocalPort();
        }
        Map<String, String> control = Map.of("smtpplugins", "[rcpt]\nplugins/refuser\n");
        Map<String, String> programs = Map.of("plugins/refuser",
                "#!/bin/sh\ncase \"$SMTPRCPTTO\" in spam@*) printf 'E550 5.7.1 no spam here\\n';; esac\n");
        List<String> log = new CopyOnWriteArrayList<>();
        Clock clock = Clock.systemUTC();
        DeliveryConfig config = new DeliveryConfig("mx.test", Duration.ofDays(5), 4, 4);
        try (MetricsTestServer server = new MetricsTestServer(root, control, programs);
                FixtureDns dns = new FixtureDns()) {
            dns.mx("far.test.", "mx.far.test.").a("mx.far.test.", "127.0.0.1");
            LocalDelivery local = new LocalDelivery(users, new Maildir(), new Injector(server.queue, config.me(),
                    clock));
            RemoteDelivery remote = new RemoteDelivery(RemoteConfig.defaults(dns.dns(), config.me())
                    .withMxPort(closedPort));
            QueueRunner runner = QueueRunner.start(root.resolve("queue"), server.queue,
                    new Router(users, local, remote, config.me()), Live.fixed(config), clock, log::add,
                    server.metrics.delivery());
            try {
                server.metrics.queue(runner.tally());
                try (SmtpClient client = new SmtpClient(server.smtp())) {
                    client.say("EHLO client.example");
                    client.startTls();
                    client.say("EHLO client.example");
                    assertTrue(client.say("AUTH PLAIN " + SmtpClient.base64("\0bob@local.test\0"
                            + MetricsTestServer.PASSWORD)).startsWith("235"));
                    assertTrue(client.say("MAIL FROM:<bob@local.test>").startsWith("250"));
                    assertTrue(client.say("RCPT TO:<ann@local.test>").startsWith("250"));
                    assertTrue(client.say("RCPT TO:<u@far.test>").startsWith("250"));
                    assertTrue(client.say("RCPT TO:<spam@local.test>").startsWith("550"));
                    assertTrue(client.say("DATA").startsWith("354"));
                    assertTrue(client.say("Subject: hi\r\n\r\nhello\r\n.").startsWith("250"));
                    client.say("QUIT");
                }
                try (SmtpClient client = new SmtpClient(server.smtp())) {
                    client.say("HELO client.example");
                    client.say("MAIL FROM:<a@example.org>");
                    assertTrue(client.say("RCPT TO:<x@elsewhere.example>").startsWith("553"));
                    client.say("QUIT");
                }
                PrometheusRegistry registry = server.metrics.registry();
                MetricsTestServer.await(() -> Samples.value(registry, "toaster_deliveries_total", "outcome", "local")
                        == 1 && Samples.value(registry, "toaster_deliveries_total", "outcome", "deferred") == 1,
                        "the local delivery and the remote deferral, log: " + log);
                HttpResponse<String> scrape = Scrape.get("http://127.0.0.1:" + server.endpoint.address().getPort()
                        + "/metrics", Scrape.PROMETHEUS_TEXT);
                assertEquals(200, scrape.statusCode());
                return scrape.body();
            } finally {
                runner.stop(Duration.ofSeconds(2));
            }
        }
    }

    /**
     * pop3d's registry behind its own endpoint, started from listen-metrics-pop3d as {@code toaster pop3d} does:
     * its series are made at zero (Pop3Metrics), so no session is needed for them to be served.
     */
    private String scrapePop3d() throws Exception {
        Path control = root.resolve("control");
        Files.writeString(control.resolve("listen-metrics-pop3d"), "127.0.0.1:0\n");
        Optional<TlsSource> tls = TlsSource.watch(control, line -> { });
        Pop3dMetrics metrics = Pop3dMetrics.create(new AuthThrottle(Clock.systemUTC()), tls, Clock.systemUTC());
        try (MetricsEndpoint endpoint = MetricsEndpoints.start("pop3d", Controls.once(control),
                ControlFiles.LISTEN_METRICS_POP3D, tls, metrics.registry(), line -> { }).orElseThrow()) {
            HttpResponse<String> scrape = Scrape.get("http://127.0.0.1:" + endpoint.address().getPort()
                    + "/metrics", Scrape.PROMETHEUS_TEXT);
            assertEquals(200, scrape.statusCode());
            return scrape.body();
        }
    }
}
