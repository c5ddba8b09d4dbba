package org.godshell.toaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.queue.Queue;
import org.godshell.toaster.tlsrpt.AppliedPolicy;
import org.godshell.toaster.tlsrpt.SessionResult;
import org.godshell.toaster.tlsrpt.send.ReportState;
import org.godshell.toaster.tlsrpt.store.DayFiles;
import org.godshell.toaster.tlsrpt.store.ResultLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code toaster tlsrpt report} on a temp prefix, DNS from a loopback fixture, no delivery process running. */
class TlsrptCommandTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);

    @TempDir
    Path prefix;

    private FixtureDns dns;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void prefixWithADayOfResults() throws Exception {
        Path control = Files.createDirectories(prefix.resolve("control"));
        Files.writeString(control.resolve("me"), "mx.example.com\n");
        Files.writeString(control.resolve("rcpthosts"), "example.com\n");
        dns = new FixtureDns();
        dns.txt("_smtp._tls.example.net.", "v=TLSRPTv1; rua=mailto:tlsrpt@example.net");
        Files.writeString(control.resolve("dnsservers"), "127.0.0.1:" + dns.address().getPort() + "\n");
        DayFiles files = DayFiles.under(prefix);
        Files.createDirectories(files.dir());
        StringBuilder lines = new StringBuilder();
        for (SessionResult result : List.of(SessionResult.success(AppliedPolicy.none("example.net")),
                SessionResult.success(AppliedPolicy.none("example.com")))) {
            lines.append(ResultLine.encode(result)).append('\n');
        }
        Files.writeString(files.file(DAY), lines);
        Files.createDirectories(prefix.resolve("queue"));
    }

    @AfterEach
    void stopDns() throws Exception {
        dns.close();
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("tlsrpt", "report", "--prefix", prefix.toString()));
        all.addAll(List.of(args));
        return Toaster.execute(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    }

    @Test
    void aDryRunPrintsTheReportAndSendsNothing() throws Exception {
        assertEquals(0, run("--day", DAY.toString(), "--dry-run"), err.toString());
        String printed = out.toString();
        assertTrue(printed.contains("example.net: would send mx.example.com!example.net!"), printed);
        assertTrue(printed.contains("mailto:tlsrpt@example.net"), printed);
        assertTrue(printed.contains("\"policy-domain\":\"example.net\""), printed);
        assertTrue(printed.contains("example.com: one of our own domains, no report"), printed);
        try (Queue queue = Queue.open(prefix.resolve("queue"))) {
            assertEquals(List.of(), queue.list());
        }
        assertEquals(Optional.empty(), ReportState.in(DayFiles.under(prefix).dir()).last(line -> { }));
    }

    @Test
    void sendingQueuesTheMailAsksTheDaemonToSendItAndNotesTheDay() throws Exception {
        assertEquals(0, run("--day", DAY.toString()), err.toString());
        try (Queue queue = Queue.open(prefix.resolve("queue"))) {
            assertEquals(1, queue.list().size(), out.toString());
            String id = queue.list().get(0).value();
            assertTrue(Files.exists(prefix.resolve("queue").resolve("requests").resolve("retry." + id)),
                    out.toString());
        }
        assertEquals(Optional.of(DAY), ReportState.in(DayFiles.under(prefix).dir()).last(line -> { }));
        assertTrue(out.toString().contains("1 report(s), 1 sent, 0 failed"), out.toString());
    }

    @Test
    void aDayThatIsNotADateIsAUsageError() {
        assertEquals(2, run("--day", "yesterday"));
        assertTrue(err.toString().contains("--day takes a date"), err.toString());
    }
}
