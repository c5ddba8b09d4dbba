package org.godshell.toaster.mailmetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.snapshots.Label;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.godshell.toaster.deliver.DeliveryObserver;
import org.godshell.toaster.metrics.Samples;
import org.godshell.toaster.pop3.LoginObserver;
import org.godshell.toaster.smtpd.Stage;
import org.godshell.toaster.smtpd.TlsVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input through the real session code (odd HELOs, senders, recipients and AUTH user names: huge,
 * unicode, control characters, label syntax, shell syntax), then every label value in the registry: each one
 * of the toaster's metrics must come from a fixed set or the admin's configuration, and no value of any metric
 * may carry a byte of what the clients sent.
 */
class LabelValuesTest {

    /** In every hostile string, so that a leak of any of them into a label is found by one search. */
    private static final String MARK = "zqxhostile";

    private static final List<String> HOSTILE = List.of(
            MARK,
            MARK + "\u00e9\u4e2d\u6587\ud83d\udce7",
            MARK + "\"}port=\"25\",stage=\"none",
            MARK + "$(touch /tmp/x)`id`;sleep 5;",
            MARK + "plugin:refuser",
            MARK + "\\n\\\"{}=,",
            MARK + "x".repeat(400),
            MARK + "%2e%2e/../../etc/passwd");

    @TempDir
    Path root;

    @Test
    void noLabelCarriesWhatAClientSent() throws Exception {
        Map<String, String> control = Map.of("smtpplugins", "[mail]\nplugins/refuser\n[rcpt]\nplugins/crasher\n");
        Map<String, String> programs = Map.of(
                "plugins/refuser", "#!/bin/sh\ncase \"$SMTPMAILFROM\" in *refuse*) printf 'E550 5.7.1 no %s\\n' "
                        + "\"$SMTPMAILFROM\";; esac\n",
                "plugins/crasher", "#!/bin/sh\ncase \"$SMTPRCPTTO\" in crash*) echo \"garbage $SMTPRCPTTO\"; exit 3;; "
                        + "esac\n");
        try (MetricsTestServer server = new MetricsTestServer(root, control, programs)) {
            int sessions = 0;
            for (String hostile : HOSTILE) {
                String local = hostile.replaceAll("[^A-Za-z0-9]", "").substring(0, Math.min(40,
                        hostile.replaceAll("[^A-Za-z0-9]", "").length()));
                try (SmtpClient client = new SmtpClient(server.smtp())) {
                    client.sayIfOpen("EHLO " + hostile);
                    client.sayIfOpen("HELO " + hostile);
                    client.sayIfOpen("MAIL FROM:<" + hostile + "@example.org>");
                    client.sayIfOpen("RSET");
                    client.sayIfOpen("MAIL FROM:<refuse" + local + "@example.org>");
                    client.sayIfOpen("MAIL FROM:<" + local + "@example.org>");
                    client.sayIfOpen("RCPT TO:<" + hostile + "@local.test>");
                    client.sayIfOpen("RCPT TO:<" + local + "@" + local + ".example>");
                    client.sayIfOpen("RCPT TO:<crash" + local + "@local.test>");
                    client.sayIfOpen("RCPT TO:<" + local + "@local.test>");
                    client.sayIfOpen("DATA");
                    client.sayIfOpen("Subject: " + hostile + "\r\nFrom: " + hostile + "\r\n\r\n" + hostile + "\r\n.");
                    client.sayIfOpen("VRFY " + hostile);
                    client.sayIfOpen(hostile);
                    client.sayIfOpen("QUIT");
                }
                try (SmtpClient client = new SmtpClient(server.smtp())) {
                    client.sayIfOpen("EHLO " + local + ".example");
                    client.startTls();
                    client.sayIfOpen("EHLO " + local + ".example");
                    client.sayIfOpen("AUTH PLAIN " + SmtpClient.base64("\0" + hostile + "\0" + hostile));
                    client.sayIfOpen("AUTH PLAIN " + SmtpClient.base64(hostile + "\0bob@local.test\0"
                            + MetricsTestServer.PASSWORD));
                    client.sayIfOpen("AUTH LOGIN " + SmtpClient.base64(hostile));
                    client.sayIfOpen(SmtpClient.base64(hostile));
                    client.sayIfOpen("AUTH " + hostile);
                    client.sayIfOpen("QUIT");
                }
                sessions += 2;
            }
            int expected = sessions;
            String port = Integer.toString(server.port());
            MetricsTestServer.await(() -> Stream.of(TlsVersion.values()).mapToDouble(tls -> Samples.value(
                    server.metrics.registry(), "toaster_smtp_sessions_total", "port", port, "tls", tls.label())).sum()
                    == expected, "every session's end is counted");

            Set<String> allowed = allowed(server.port(), List.of("refuser", "crasher"));
            List<String> problems = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Samples.Series series : Samples.all(server.metrics.registry())) {
                for (Label label : series.labels()) {
                    String value = label.getValue();
                    if (value.toLowerCase(Locale.ROOT).contains(MARK)) {
                        problems.add(series.name() + " " + label.getName() + " carries client input: " + value);
                    }
                    if (series.name().startsWith("toaster_")) {
                        seen.add(label.getName() + "=" + value);
                        if (!allowed.contains(label.getName() + "=" + value)) {
                            problems.add(series.name() + " " + label.getName() + "=\"" + value + "\" is in no "
                                    + "allowed set");
                        }
                    }
                }
            }
            assertEquals(List.of(), problems);
            // The burst did reach the stages it was meant to: the check above looked at real values.
            assertTrue(seen.contains("stage=plugin:refuser"), seen.toString());
            assertTrue(seen.contains("stage=plugin:crasher"), seen.toString());
            assertTrue(Samples.value(server.metrics.registry(), "toaster_smtp_auth_failures_total", "port", port)
                    >= HOSTILE.size(), "AUTH failures counted");
            assertTrue(Samples.value(server.metrics.registry(), "toaster_smtp_transactions_total", "result",
                    "refused", "stage", "syntax") > 0, "syntax refusals counted");
            assertFalse(seen.isEmpty());
        }
    }

    /** name=value pairs the toaster's metrics may carry: fixed sets, plus this server's ports and plugin names. */
    private static Set<String> allowed(int port, List<String> plugins) {
        Set<String> allowed = new HashSet<>();
        allowed.add("port=" + port);
        Stream.of(TlsVersion.values()).forEach(tls -> allowed.add("tls=" + tls.label()));
        allowed.add("reason=rule");
        allowed.add("reason=limit");
        Stream.of("accepted", "temp_failed", "refused").forEach(result -> allowed.add("result=" + result));
        Stage.FIXED.forEach(stage -> allowed.add("stage=" + stage.label()));
        for (String plugin : plugins) {
            allowed.add("stage=" + Stage.plugin(plugin).label());
            allowed.add("plugin=" + plugin);
        }
        Stream.of(DeliveryObserver.Result.values()).forEach(result -> allowed.add("outcome=" + result.label()));
        Stream.of(LoginObserver.Outcome.values()).forEach(outcome -> allowed.add("outcome=" + outcome.label()));
        allowed.add("certificate=default");
        allowed.add("daemon=smtpd");
        return allowed;
    }
}
