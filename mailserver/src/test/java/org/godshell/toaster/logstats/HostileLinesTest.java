package org.godshell.toaster.logstats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.godshell.toaster.deliver.DeliveryLog;
import org.godshell.toaster.deliver.Outcome;
import org.godshell.toaster.smtpd.TransactionLog;
import org.godshell.toaster.spp.SppSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a client (or a remote host, or a plugin echoing a client) writes into a value never becomes a field, a
 * record or a line of its own; and no line, however broken, stops the reading.
 */
class HostileLinesTest {

    private static final Instant T = Instant.parse("2026-12-06T10:00:00Z");
    private final TextLineReader reader = new TextLineReader();

    private Tally tally(String log) throws IOException {
        Tally tally = new Tally(Instant.EPOCH, ZoneOffset.UTC);
        new LogInput().read(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), tally.sink(reader));
        return tally;
    }

    private LogRecord read(String line) {
        return assertInstanceOf(LineReader.Read.class, reader.read(line)).record();
    }

    @Test
    void aHeloFullOfFieldsIsOnlyAHelo() throws IOException {
        Lines lines = new Lines(T);
        String helo = "x from=<forged@evil.test> to=<victim@example.org> size=1 queue=0gk2vs1a3b000000 "
                + "result=250 ms=1.00";
        lines.tx("a.1", "192.0.2.66", helo, "real@client.test", List.of("bob@example.org"), "abandoned", "");
        LogRecord record = read(lines.list().get(0));
        assertEquals(helo, record.get("helo"));
        assertEquals("real@client.test", record.get("from"));
        assertEquals("bob@example.org", record.get("to"));
        assertEquals("abandoned", record.get("result"));
        assertEquals(0, tally(lines.text()).received);
    }

    @Test
    void quotedAddressesWithFieldsSpacesCommasAndQuotesInside() throws IOException {
        String sender = Lines.address("\"a> to=<x@y> size=9 result=250 \\\" ms=1\"@evil.test");
        String first = Lines.address("\"p, q> result=250\"@example.org");
        String second = Lines.address("\"\\\\\"@example.org");
        Lines lines = new Lines(T);
        lines.tx("a.2", "192.0.2.66", "h", sender, List.of(first, second), "554", "plugin");
        LogRecord record = read(lines.list().get(0));
        assertEquals(sender, record.get("from"));
        assertEquals(first + "," + second, record.get("to"));
        assertEquals(List.of(first, second), Addresses.split(record.get("to")));
        assertEquals("554", record.get("result"));
        assertEquals("plugin", record.get("reason"));
        Tally tally = tally(lines.text());
        assertEquals(0, tally.received);
        assertEquals(1, tally.refused.total());
    }

    @Test
    void aLineBreakInAValueStaysInsideItsLine() throws IOException {
        Lines lines = new Lines(T);
        String forged = "\n" + T + " smtpd[z.9] tx client=192.0.2.1 helo=h from=<a@b.test> to=<c@d.test> "
                + "size=1 queue=0gk2vs1a3b000000 result=250 ms=1.00\r\n";
        lines.tx("a.3", "192.0.2.66", "helo" + forged, "a@b.test", List.of(), "abandoned", "");
        lines.smtpd.event("a.3", TransactionLog.auth("failed", "192.0.2.66", "bob" + forged, "LOGIN"));
        assertEquals(2, lines.list().size());
        Tally tally = tally(lines.text());
        assertEquals(0, tally.received);
        assertEquals(1, tally.authFailures);
        assertEquals(1, tally.authFailuresByClient.all().size());
        assertEquals("LOGIN", read(lines.list().get(1)).get("mechanism"));
    }

    @Test
    void aUserNameCannotChooseTheMechanismOrTheClient() {
        Lines lines = new Lines(T);
        lines.smtpd.event("a.4", TransactionLog.auth("failed", "192.0.2.66",
                "x client=10.0.0.1 mechanism=PLAIN", "CRAM-MD5"));
        LogRecord record = read(lines.list().get(0));
        assertEquals("192.0.2.66", record.get("client"));
        assertEquals("x client=10.0.0.1 mechanism=PLAIN", record.get("user"));
        assertEquals("CRAM-MD5", record.get("mechanism"));
    }

    @Test
    void aPluginOrRemoteHostCannotChooseTheVerdictOrRoute() {
        Lines lines = new Lines(T);
        lines.smtpd.event("a.5", SppSession.verdictText("mail", "control/smtpplugins:1", 0, 10,
                List.of("E550 no verdict=accept"), "refuse"));
        lines.smtpd.event("-", DeliveryLog.outcomeText("0gk2vs1a3b000000", Lines.address("\"x delivered: y\"@z.test"),
                new Outcome.Delivered("mx.z.test said: 250 ok route=local"), "remote"));
        List<String> written = lines.list();
        assertEquals("refuse", read(written.get(0)).get("verdict"));
        LogRecord delivery = read(written.get(1));
        assertEquals("remote", delivery.get("route"));
        assertEquals("\"x delivered: y\"@z.test", delivery.get("rcpt"));
        assertEquals("mx.z.test said: 250 ok route=local", delivery.get("detail"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "garbage", "2026-12-06T10:00:00Z", "2026-12-06T10:00:00Z smtpd[a.1]",
        "2026-13-06T10:00:00Z smtpd[a.1] tx client=1.2.3.4", "yesterday smtpd[a.1] tx",
        "2026-12-06T10:00:00Z sshd[12] Accepted password", "2026-12-06T10:00:00Z smtpd[a b] tx",
        "2026-12-06T10:00:00Z smtpd[a.1] tx client=1.2.3.4 helo=h from=<a@b> to=<c@d>",
        "2026-12-06T10:00:00Z smtpd[a.1] tx size=1 queue=q result=250 ms=1",
        "2026-12-06T10:00:00Z smtpd[a.1] tx client=x helo=h from=<a@b> to=<c@d> size=1 queue=q result=250 ms=1",
        "2026-12-06T10:00:00Z smtpd[a.1] tx client=1.2.3.4 helo=h from=<\"a@b> to=<c@d> size=1 queue=q result=250 ms=1",
        "2026-12-06T10:00:00Z smtpd[a.1] refused stage=rcpt client=1.2.3.4",
        "2026-12-06T10:00:00Z smtpd[a.1] refused stage=rc pt client=1.2.3.4 code=1 status=- reason=x",
        "2026-12-06T10:00:00Z smtpd[a.1] auth failed client=1.2.3.4",
        "2026-12-06T10:00:00Z smtpd[a.1] auth failed user=x mechanism=PLAIN",
        "2026-12-06T10:00:00Z smtpd[a.1] spp [rcpt",
        "2026-12-06T10:00:00Z smtpd[a.1] spp [rcpt] x exit=0 us=1",
        "2026-12-06T10:00:00Z pop3d[p.1] login ok client=1.2.3.4 user=a@b messages=1"})
    void malformedLinesAreSkippedAsMalformed(String line) {
        LineReader.Result result = reader.read(line);
        if (result instanceof LineReader.Read read) {
            assertEquals(Kind.OTHER, read.record().kind(), line);
        } else {
            assertEquals(new LineReader.Skipped(Skip.MALFORMED), result, line);
        }
    }

    @Test
    void everyCutOfATransactionLineIsSkippedOrStillTheSame() {
        Lines lines = new Lines(T);
        lines.tx("a.6", "192.0.2.7", "h", Lines.address("\"a b\"@c.test"), List.of("d@e.test"), "250", "");
        String line = lines.list().get(0);
        for (int cut = 0; cut < line.length(); cut++) {
            LineReader.Result result = reader.read(line.substring(0, cut));
            if (result instanceof LineReader.Read read && read.record().kind() == Kind.TRANSACTION) {
                assertEquals("250", read.record().get("result"), "cut at " + cut);
                assertEquals("\"a b\"@c.test", read.record().get("from"), "cut at " + cut);
                assertTrue(cut > line.indexOf(" ms=") + 4, "only the ms value may be cut, not at " + cut);
            }
        }
    }

    @Test
    void oversizedBinaryAndControlLinesAreCountedAndTheRestRead() throws IOException {
        Lines lines = new Lines(T);
        lines.tx("a.7", "192.0.2.7", "h", "a@b.test", List.of("c@example.org"), "250", "");
        String good = lines.list().get(0);
        List<byte[]> parts = new ArrayList<>();
        parts.add((good + "\n").getBytes(StandardCharsets.UTF_8));
        parts.add(("x".repeat(300) + "\n").getBytes(StandardCharsets.UTF_8));
        parts.add(new byte[] {(byte) 0xff, (byte) 0xfe, 'a', '\n'});
        parts.add(new byte[] {'a', 0, 'b', '\n'});
        parts.add((good.replace("helo=h", "helo=h\u001b[31m") + "\n").getBytes(StandardCharsets.UTF_8));
        parts.add((good + "\r\n").getBytes(StandardCharsets.UTF_8));
        parts.add("\n\n".getBytes(StandardCharsets.UTF_8));
        parts.add(good.getBytes(StandardCharsets.UTF_8));
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        parts.forEach(all::writeBytes);
        Tally tally = new Tally(Instant.EPOCH, ZoneOffset.UTC);
        new LogInput(good.length() + 10).read(new ByteArrayInputStream(all.toByteArray()), tally.sink(reader));
        assertEquals(2, tally.received);
        assertEquals(1, tally.skipped.get(Skip.OVERSIZED));
        assertEquals(2, tally.skipped.get(Skip.BINARY));
        assertEquals(2, tally.skipped.get(Skip.CONTROL));
        assertEquals(7, tally.lines);
    }
}
