package org.godshell.toaster.mailmetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.godshell.toaster.metrics.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each refusal through a real session, and the stage it is counted under. */
class StagesTest {

    @TempDir
    Path root;

    private static double refused(PrometheusRegistry registry, String result, String stage) {
        return Samples.value(registry, "toaster_smtp_transactions_total", "result", result, "stage", stage);
    }

    @Test
    void theServersOwnRefusalsHaveTheirStages() throws Exception {
        Map<String, String> control = Map.of("databytes", "200\n", "badmailfrom", "bad@example.org\n",
                "maxrcpt", "1\n");
        try (MetricsTestServer server = new MetricsTestServer(root, control, Map.of())) {
            PrometheusRegistry registry = server.metrics.registry();
            try (SmtpClient client = new SmtpClient(server.smtp())) {
                client.say("EHLO client.example");
                assertTrue(client.say("RCPT TO:<a@local.test>").startsWith("503"));
                assertTrue(client.say("MAIL FROM:<not an address>").startsWith("5"));
                assertTrue(client.say("MAIL FROM:<bad@example.org>").startsWith("250"));
                assertTrue(client.say("RCPT TO:<a@local.test>").startsWith("553"));
                client.say("RSET");
                assertTrue(client.say("MAIL FROM:<good@example.org>").startsWith("250"));
                assertTrue(client.say("RCPT TO:<a@local.test>").startsWith("250"));
                assertTrue(client.say("RCPT TO:<b@local.test>").startsWith("452"));
                assertTrue(client.say("DATA").startsWith("354"));
                assertTrue(client.say("Subject: big\r\n\r\n" + "x".repeat(500) + "\r\n.").startsWith("552"));
                assertTrue(client.say("MAIL FROM:<good@example.org>").startsWith("250"));
                assertTrue(client.say("RCPT TO:<a@local.test>").startsWith("250"));
                assertTrue(client.say("DATA").startsWith("354"));
                assertTrue(client.say("bare\nline\r\n.").startsWith("5"));
                client.say("QUIT");
            }
            assertEquals(3, refused(registry, "refused", "syntax"), "RCPT first, a bad path, a bare LF");
            assertEquals(1, refused(registry, "refused", "blocklist"));
            assertEquals(1, refused(registry, "temp_failed", "limits"));
            assertEquals(1, refused(registry, "refused", "size"));
            assertEquals(0, refused(registry, "accepted", "none"));
            assertEquals(0, refused(registry, "refused", "other"));
        }
    }

    @Test
    void aPluginsRefusalFailureAndDropAreItsOwn() throws Exception {
        Map<String, String> control = Map.of("smtpplugins", "[mail]\nplugins/judge\n");
        Map<String, String> programs = Map.of("plugins/judge", """
                #!/bin/sh
                case "$SMTPMAILFROM" in
                  later@*) printf 'LR450 4.7.1 come back later\\n';;
                  crash@*) exit 120;;
                  drop@*) printf 'D\\n';;
                esac
                """);
        try (MetricsTestServer server = new MetricsTestServer(root, control, programs)) {
            PrometheusRegistry registry = server.metrics.registry();
            try (SmtpClient client = new SmtpClient(server.smtp())) {
                client.say("EHLO client.example");
                assertTrue(client.say("MAIL FROM:<crash@example.org>").startsWith("451"));
                assertTrue(client.say("MAIL FROM:<later@example.org>").startsWith("250"));
                assertTrue(client.say("RCPT TO:<a@local.test>").startsWith("450"));
                client.say("RSET");
            }
            try (SmtpClient client = new SmtpClient(server.smtp())) {
                client.say("EHLO client.example");
                client.sayIfOpen("MAIL FROM:<drop@example.org>");
            }
            MetricsTestServer.await(() -> refused(registry, "refused", "plugin:judge") == 1, "the drop is counted");
            assertEquals(2, refused(registry, "temp_failed", "plugin:judge"), "the failure (451) and the LR line");
            assertEquals(1, refused(registry, "refused", "plugin:judge"), "the drop");
        }
    }
}
