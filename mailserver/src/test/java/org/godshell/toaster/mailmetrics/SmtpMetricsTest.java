package org.godshell.toaster.mailmetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.godshell.toaster.metrics.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scripted burst through real sessions over loopback, then the exact counts: 5 messages accepted, 2 refused at
 * rcpthosts, 1 refused by a plugin, 1 AUTH failure and 1 login, one session in TLS.
 */
class SmtpMetricsTest {

    @TempDir
    Path root;

    @Test
    void aBurstGivesTheExactCounts() throws Exception {
        Map<String, String> control = Map.of("smtpplugins", "[rcpt]\nplugins/refuser\n");
        Map<String, String> programs = Map.of("plugins/refuser",
                "#!/bin/sh\ncase \"$SMTPRCPTTO\" in spam@*) printf 'E550 5.7.1 no spam here\\n';; esac\n");
        try (MetricsTestServer server = new MetricsTestServer(root, control, programs)) {
            PrometheusRegistry registry = server.metrics.registry();
            String port = Integer.toString(server.port());
            try (SmtpClient client = new SmtpClient(server.smtp())) {
                client.say("EHLO client.example");
                for (int i = 0; i < 5; i++) {
                    assertTrue(client.send("a@example.org", "user" + i + "@local.test").startsWith("250"));
                }
                client.say("QUIT");
            }
            try (SmtpClient client = new SmtpClient(server.smtp())) {
                client.say("HELO client.example");
                client.say("MAIL FROM:<a@example.org>");
                assertTrue(client.say("RCPT TO:<x@elsewhere.example>").startsWith("553"));
                assertTrue(client.say("RCPT TO:<y@elsewhere.example>").startsWith("553"));
                assertTrue(client.say("RCPT TO:<spam@local.test>").startsWith("550"));
                client.say("QUIT");
            }
            try (SmtpClient client = new SmtpClient(server.smtp())) {
                client.say("EHLO client.example");
                client.startTls();
                client.say("EHLO client.example");
                assertTrue(client.say("AUTH PLAIN " + SmtpClient.base64("\0bob@local.test\0wrong")).startsWith("535"));
                assertTrue(client.say("AUTH PLAIN " + SmtpClient.base64("\0bob@local.test\0"
                        + MetricsTestServer.PASSWORD)).startsWith("235"));
                client.say("QUIT");
            }
            MetricsTestServer.await(() -> Samples.value(registry, "toaster_smtp_sessions_total", "port", port,
                    "tls", "TLSv1.3") == 1, "the TLS session's end is counted");
            MetricsTestServer.await(() -> Samples.value(registry, "toaster_smtp_sessions_total", "port", port,
                    "tls", "none") == 2, "the plain sessions' ends are counted");

            assertEquals(3, Samples.value(registry, "toaster_smtp_connections_total", "port", port));
            assertEquals(5, Samples.value(registry, "toaster_smtp_transactions_total", "result", "accepted",
                    "stage", "none"));
            assertEquals(2, Samples.value(registry, "toaster_smtp_transactions_total", "result", "refused",
                    "stage", "rcpthosts"));
            assertEquals(1, Samples.value(registry, "toaster_smtp_transactions_total", "result", "refused",
                    "stage", "plugin:refuser"));
            assertEquals(0, Samples.value(registry, "toaster_smtp_transactions_total", "result", "temp_failed",
                    "stage", "other"));
            assertEquals(1, Samples.value(registry, "toaster_smtp_auth_failures_total", "port", port));
            assertEquals(0, Samples.value(registry, "toaster_smtp_auth_blocked_total", "port", port));
            assertEquals(0, Samples.value(registry, "toaster_smtp_auth_throttled_addresses"));
            // The [rcpt] plugin runs before the rcpthosts check (qmail-spp.md §2): once for each of the 8 RCPTs.
            assertEquals(8, Samples.value(registry, "toaster_spp_plugin_duration_seconds", "plugin", "refuser"));
            assertEquals(0, Samples.value(registry, "toaster_smtp_sessions_total", "port", port, "tls", "TLSv1.2"));
        }
    }

    @Test
    void sessionsAreCountedByTheirTlsVersion() throws Exception {
        try (MetricsTestServer server = new MetricsTestServer(root, Map.of(), Map.of())) {
            for (String version : new String[] {"TLSv1.2", "TLSv1.3", "TLSv1.2"}) {
                try (SmtpClient client = new SmtpClient(server.smtp())) {
                    client.say("EHLO client.example");
                    client.startTls(version);
                    client.say("QUIT");
                }
            }
            PrometheusRegistry registry = server.metrics.registry();
            String port = Integer.toString(server.port());
            MetricsTestServer.await(() -> Samples.value(registry, "toaster_smtp_sessions_total", "port", port,
                    "tls", "TLSv1.2") + Samples.value(registry, "toaster_smtp_sessions_total", "port", port, "tls",
                    "TLSv1.3") == 3, "the sessions' ends are counted");
            assertEquals(2, Samples.value(registry, "toaster_smtp_sessions_total", "port", port, "tls", "TLSv1.2"));
            assertEquals(1, Samples.value(registry, "toaster_smtp_sessions_total", "port", port, "tls", "TLSv1.3"));
            assertEquals(0, Samples.value(registry, "toaster_smtp_sessions_total", "port", port, "tls", "none"));
        }
    }

    @Test
    void mailWithoutALoginOnTheSubmissionPortIsRefusedAtAuth() throws Exception {
        try (MetricsTestServer server = new MetricsTestServer(root, Map.of(), Map.of(), true)) {
            var submission = server.server.addresses().get(1);
            try (SmtpClient client = new SmtpClient(submission)) {
                client.say("EHLO client.example");
                assertTrue(client.say("MAIL FROM:<a@example.org>").startsWith("530"));
                client.say("QUIT");
            }
            PrometheusRegistry registry = server.metrics.registry();
            assertEquals(1, Samples.value(registry, "toaster_smtp_transactions_total", "result", "refused",
                    "stage", "auth"));
            assertEquals(1, Samples.value(registry, "toaster_smtp_connections_total", "port",
                    Integer.toString(submission.getPort())));
            assertEquals(0, Samples.value(registry, "toaster_smtp_connections_total", "port",
                    Integer.toString(server.port())));
        }
    }

    /** Ten failures block the address (AuthThrottle); the next AUTH, in a new session, is turned away. */
    @Test
    void aBlockedAddressIsCountedAndShown() throws Exception {
        try (MetricsTestServer server = new MetricsTestServer(root, Map.of(), Map.of())) {
            int failures = 0;
            try (SmtpClient client = new SmtpClient(server.smtp())) {
                client.say("EHLO client.example");
                client.startTls();
                client.say("EHLO client.example");
                String reply;
                do {
                    reply = client.say("AUTH PLAIN " + SmtpClient.base64("\0bob@local.test\0wrong"));
                    failures++;
                } while (reply.startsWith("535"));
                assertTrue(reply.startsWith("421"), reply);
            }
            try (SmtpClient client = new SmtpClient(server.smtp())) {
                client.say("EHLO client.example");
                client.startTls();
                client.say("EHLO client.example");
                assertTrue(client.say("AUTH PLAIN " + SmtpClient.base64("\0bob@local.test\0"
                        + MetricsTestServer.PASSWORD)).startsWith("421"));
            }
            PrometheusRegistry registry = server.metrics.registry();
            String port = Integer.toString(server.port());
            assertEquals(10, failures);
            assertEquals(10, Samples.value(registry, "toaster_smtp_auth_failures_total", "port", port));
            assertEquals(1, Samples.value(registry, "toaster_smtp_auth_blocked_total", "port", port));
            assertEquals(1, Samples.value(registry, "toaster_smtp_auth_throttled_addresses"));
        }
    }

    @Test
    void aDeniedSourceIsARefusedConnection() throws Exception {
        try (MetricsTestServer server = new MetricsTestServer(root, Map.of("tcp.smtp", "127.0.0.1:deny\n"),
                Map.of())) {
            try (SmtpClient client = new SmtpClient(server.smtp())) {
                assertTrue(client.greeting.startsWith("5") || client.greeting.startsWith("4"), client.greeting);
            }
            String port = Integer.toString(server.port());
            PrometheusRegistry registry = server.metrics.registry();
            assertEquals(1, Samples.value(registry, "toaster_smtp_connections_refused_total", "port", port,
                    "reason", "rule"));
            assertEquals(0, Samples.value(registry, "toaster_smtp_connections_refused_total", "port", port,
                    "reason", "limit"));
            assertEquals(1, Samples.value(registry, "toaster_smtp_connections_total", "port", port));
        }
    }

    @Test
    void theServedCertificateHasItsExpiry() throws Exception {
        try (MetricsTestServer server = new MetricsTestServer(root, Map.of(), Map.of())) {
            double seconds = Samples.value(server.metrics.registry(), "toaster_tls_certificate_expiry_seconds",
                    "certificate", "default", "daemon", "smtpd");
            // SelfSigned makes certificates for a year or more: far beyond a month, and not expired.
            assertTrue(seconds > 30 * 86_400.0, "seconds left: " + seconds);
        }
    }
}
