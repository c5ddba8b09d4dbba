package org.godshell.toaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.godshell.toaster.deliver.DeliveryLog;
import org.godshell.toaster.deliver.Outcome;
import org.godshell.toaster.deliver.Requests;
import org.godshell.toaster.logline.LogFormat;
import org.godshell.toaster.queue.Queue;
import org.godshell.toaster.queue.QueueId;
import org.godshell.toaster.queue.QueuedMessage;
import org.godshell.toaster.smtpd.TransactionLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code toaster stats} on logs written by the daemons' log classes: the report from --log files and from an
 * installation's log/, --since, --json, --mail into the queue, and the arguments it refuses with exit 2.
 */
class StatsCommandTest {

    private static final Instant NOW = Instant.parse("2026-12-07T06:00:00Z");

    @TempDir
    Path prefix;
    private Path log;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void aLog() throws Exception {
        Files.createDirectories(prefix.resolve("control"));
        Files.writeString(prefix.resolve("control/me"), "mx.example.org\n");
        Files.createDirectories(prefix.resolve("log"));
        log = prefix.resolve("log/smtpd.log");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        tx(stream, NOW.minusSeconds(2 * 86400), "old@a.test");
        tx(stream, NOW.minusSeconds(3600), "alice@a.test");
        tx(stream, NOW.minusSeconds(60), "alice@a.test");
        new TransactionLog(stream, Clock.fixed(NOW.minusSeconds(30), ZoneOffset.UTC)).event("-",
                DeliveryLog.outcomeText("0gk2vs1a3b000000", "bob@example.org", new Outcome.Delivered("Maildir"),
                        "local"));
        Files.write(log, bytes.toByteArray());
    }

    private static void tx(PrintStream stream, Instant at, String sender) {
        new TransactionLog(stream, Clock.fixed(at, ZoneOffset.UTC)).event("s.1", TransactionLog.transaction(
                "192.0.2.7", "a.test", sender, List.of("bob@example.org"), 100, "0gk2vs1a3b000000", "250", 1, ""));
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine command = new CommandLine(new StatsCommand(Clock.fixed(NOW, ZoneOffset.UTC)))
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    @Test
    void textFromALogFile() {
        assertEquals(0, run("--log", log.toString()), err.toString());
        String text = out.toString();
        assertTrue(text.contains("toaster stats since 2026-12-06T06:00:00Z"), text);
        assertTrue(text.contains("        2   received (2 recipients, 200 bytes)"), text);
        assertTrue(text.contains("        1   delivered locally"), text);
        assertTrue(text.contains("        2   <alice@a.test>"), text);
        assertTrue(text.contains("        1   before --since"), text);
    }

    @Test
    void jsonAndAnInstant() {
        assertEquals(0, run("--log", log.toString(), "--json", "--since", "2026-12-01T00:00:00Z"), err.toString());
        String json = out.toString();
        assertTrue(json.startsWith("{\"since\":\"2026-12-01T00:00:00Z\""), json);
        assertTrue(json.contains("\"received\":3,"), json);
        assertTrue(json.endsWith("}\n"), json);
    }

    @Test
    void aLogThatSwitchedToJsonIsReadWhole() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        stream.println("smtpd: listening on 0.0.0.0:25 as mx.example.org");
        TransactionLog json = new TransactionLog(stream, LogFormat.JSON, Clock.fixed(NOW.minusSeconds(20),
                ZoneOffset.UTC));
        json.event("s.2", TransactionLog.transaction("192.0.2.8", "b.test", "carol@b.test", List.of("bob@example.org"),
                100, "0gk2vs1a3b000001", "250", 1, ""));
        json.event("-", DeliveryLog.outcomeText("0gk2vs1a3b000001", "bob@example.org",
                new Outcome.Delivered("Maildir"), "local"));
        Files.write(log, bytes.toByteArray(), StandardOpenOption.APPEND);
        assertTrue(Files.readString(log).contains("{\"time\":"), Files.readString(log));
        assertEquals(0, run("--log", log.toString()), err.toString());
        String text = out.toString();
        assertTrue(text.contains("        3   received (3 recipients, 300 bytes)"), text);
        assertTrue(text.contains("        2   delivered locally"), text);
        assertTrue(text.contains("        1   <carol@b.test>"), text);
        assertTrue(text.contains("        1   skipped: malformed"), text);
    }

    @Test
    void theInstallationsOwnLogFilesWithTheirRotations() throws Exception {
        Files.move(log, prefix.resolve("log/smtpd.log.1"));
        Files.writeString(prefix.resolve("log/pop3d.log"), NOW.minusSeconds(10)
                + " pop3d[p.1] login failed client=203.0.113.9 user=root\n");
        assertEquals(0, run("--prefix", prefix.toString(), "--since", "12h"), err.toString());
        assertTrue(out.toString().contains("        2   received"), out.toString());
        assertTrue(out.toString().contains("        1   AUTH failures"), out.toString());
    }

    @Test
    void anInstallationWithoutLogsIsAnError() throws Exception {
        Files.delete(log);
        assertEquals(1, run("--prefix", prefix.toString()));
        assertTrue(err.toString().contains("no logs in"), err.toString());
    }

    @Test
    void mailQueuesTheReportAndAsksDeliveryToSendIt() throws Exception {
        Files.createDirectories(prefix.resolve("queue"));
        assertEquals(0, run("--prefix", prefix.toString(), "--log", log.toString(), "--mail", "Admin@Example.org"),
                err.toString());
        assertTrue(out.toString().startsWith("stats queued for <Admin@Example.org> as "), out.toString());
        try (Queue queue = Queue.open(prefix.resolve("queue"))) {
            List<QueueId> ids = queue.list();
            assertEquals(1, ids.size());
            QueuedMessage message = queue.read(ids.get(0));
            assertEquals("postmaster@mx.example.org", message.envelope().sender());
            assertEquals(List.of("Admin@Example.org"), message.envelope().recipients());
            String text;
            try (var in = message.openMessage()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertTrue(text.contains("Subject: toaster stats for mx.example.org since 2026-12-06T06:00:00Z\r\n"), text);
            assertTrue(text.contains("Auto-Submitted: auto-generated\r\n"), text);
            assertTrue(text.contains("\r\n        2   received (2 recipients, 200 bytes)\r\n"), text);
            assertTrue(Requests.open(prefix.resolve("queue")).waiting(new Requests.Request.Retry(ids.get(0))));
        }
    }

    @Test
    void scheduledMailsToControlStatsmailtoAndFollowsAnEdit() throws Exception {
        Files.createDirectories(prefix.resolve("queue"));
        Files.writeString(prefix.resolve("control/statsmailto"), "postmaster@example.org\n");
        assertEquals(0, run("--prefix", prefix.toString(), "--log", log.toString(), "--scheduled"), err.toString());
        assertTrue(out.toString().startsWith("stats queued for <postmaster@example.org> as "), out.toString());
        Files.writeString(prefix.resolve("control/statsmailto"), "Admin@Example.org\n");
        assertEquals(0, run("--prefix", prefix.toString(), "--scheduled"), err.toString());
        assertTrue(out.toString().startsWith("stats queued for <Admin@Example.org> as "), "the installation's logs: "
                + out);
        try (Queue queue = Queue.open(prefix.resolve("queue"))) {
            assertEquals(2, queue.list().size());
        }
    }

    @Test
    void scheduledWithoutOrWithABadStatsmailtoFailsSaying() throws Exception {
        Files.createDirectories(prefix.resolve("queue"));
        assertEquals(1, run("--prefix", prefix.toString(), "--scheduled"));
        assertTrue(err.toString().contains("no control/statsmailto") && err.toString().contains("toaster stats "
                + "schedule --mail ADDRESS"), err.toString());
        Files.writeString(prefix.resolve("control/statsmailto"), "a@b.example, c@d.example\n");
        assertEquals(1, run("--prefix", prefix.toString(), "--scheduled"));
        assertTrue(err.toString().contains("statsmailto:1:"), err.toString());
        try (Queue queue = Queue.open(prefix.resolve("queue"))) {
            assertEquals(0, queue.list().size(), "nothing queued");
        }
    }

    @Test
    void scheduledTakesNoMailOfItsOwn() {
        assertEquals(2, run("--prefix", prefix.toString(), "--scheduled", "--mail", "a@b.example"));
        assertTrue(err.toString().contains("give --mail or --scheduled, not both"), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--since=1w", "--since=0d", "--since=", "--since=yesterday", "--since",
        "--mail=not an address", "--mail=a@b.test> NOTIFY=NEVER", "--mail=", "--mail=postmaster",
        "--mail=a@b.test\nBcc: x@y.test", "--log=/nonexistent/smtpd.log",
        "--frobnicate", "extra"})
    void badArgumentsAreRefusedWithExitTwo(String argument) {
        assertEquals(2, run("--log", log.toString(), argument));
        assertTrue(!err.toString().isBlank());
    }

    @Test
    void theErrorSaysWhatSinceTakes() {
        assertEquals(2, run("--log", log.toString(), "--since", "1w"));
        assertTrue(err.toString().contains("--since takes a span such as 1d, 12h or 30m"), err.toString());
    }

    @Test
    void withoutLogsOrAnInstallationItSaysHowToNameOne() {
        assertEquals(2, run());
        assertTrue(err.toString().contains("no installation given"), err.toString());
    }

    @Test
    void theJournalIsReadWithAnArgumentListNeverAShell() {
        assertEquals(List.of("journalctl", "--no-pager", "--output=cat", "--since=@1796536800",
                "--unit=toaster-smtpd.service", "--unit=toaster-pop3d.service"),
                StatsSources.Journal.command(Instant.parse("2026-12-06T06:00:00Z")));
    }
}
