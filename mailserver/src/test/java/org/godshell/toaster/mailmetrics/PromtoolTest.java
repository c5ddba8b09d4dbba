package org.godshell.toaster.mailmetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.godshell.toaster.auth.AuthThrottle;
import org.godshell.toaster.deliver.QueueTally;
import org.godshell.toaster.metrics.BearerToken;
import org.godshell.toaster.metrics.EndpointSettings;
import org.godshell.toaster.metrics.MetricsEndpoint;
import org.godshell.toaster.metrics.Promtool;
import org.godshell.toaster.pop3.LoginObserver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoints' real output, after real sessions, through Prometheus's own checker: {@code promtool check
 * metrics} (Debian's {@code prometheus} package) parses the exposition and lints names, units, types and help.
 * Skipped with the reason where promtool is missing, except under {@code CI=true}, where it fails.
 */
class PromtoolTest {


    @TempDir
    Path root;

    @BeforeAll
    static void promtool() {
        Promtool.requireOrSkip();
    }

    @Test
    void smtpdsOutputPassesPromtool() throws Exception {
        Map<String, String> control = Map.of("smtpplugins", "[rcpt]\nplugins/pass\n");
        try (MetricsTestServer server = new MetricsTestServer(root, control, Map.of("plugins/pass", "#!/bin/sh\n"))) {
            server.metrics.queue(new QueueTally());
            server.metrics.delivery().delivered(org.godshell.toaster.deliver.DeliveryObserver.Result.REMOTE, 1);
            server.metrics.delivery().remoteTransaction(TimeUnit.MILLISECONDS.toNanos(120));
            try (SmtpClient client = new SmtpClient(server.smtp())) {
                client.say("EHLO client.example");
                assertTrue(client.send("a@example.org", "b@local.test").startsWith("250"));
                client.say("RCPT TO:<c@elsewhere.example>");
                client.say("QUIT");
            }
            HttpResponse<String> text = Scrape.get(server.endpoint.url(), Scrape.PROMETHEUS_TEXT);
            assertEquals(200, text.statusCode());
            assertTrue(text.body().contains("toaster_smtp_transactions_total{result=\"accepted\",stage=\"none\"} 1"),
                    text.body());
            Promtool.check(root, text.body());
        }
    }

    @Test
    void pop3dsOutputPassesPromtool() throws Exception {
        Pop3dMetrics metrics = Pop3dMetrics.create(new AuthThrottle(Clock.systemUTC(), Duration.ZERO),
                Optional.empty(), Clock.systemUTC());
        metrics.logins().login(LoginObserver.Outcome.OK);
        metrics.logins().login(LoginObserver.Outcome.FAILED);
        String token = "cG9wM2QtbWV0cmljcy10b2tlbg==";
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(new EndpointSettings("pop3d",
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0),
                Optional.of(BearerToken.of(token)), Optional.empty()), metrics.registry(), List.of(), "t", "c")) {
            HttpResponse<String> answer = Scrape.get(endpoint.url(), Scrape.PROMETHEUS_TEXT, "Authorization",
                    "Bearer " + token);
            assertEquals(200, answer.statusCode());
            assertTrue(answer.body().contains("toaster_pop3_logins_total{outcome=\"failed\"} 1"), answer.body());
            Promtool.check(root, answer.body());
        }
    }

}
