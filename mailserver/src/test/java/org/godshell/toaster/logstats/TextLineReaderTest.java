package org.godshell.toaster.logstats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.deliver.DeliveryLog;
import org.godshell.toaster.deliver.Diagnosis;
import org.godshell.toaster.deliver.Outcome;
import org.godshell.toaster.pop3.Pop3Log;
import org.godshell.toaster.smtpd.TransactionLog;
import org.godshell.toaster.spp.SppSession;
import org.junit.jupiter.api.Test;

/** Every kind of line, as the daemons' own log classes write it, read back field by field. */
class TextLineReaderTest {

    private static final Instant T = Instant.parse("2026-12-06T09:15:30.250Z");
    private final TextLineReader reader = new TextLineReader();

    private LogRecord only(Lines lines) {
        List<String> written = lines.list();
        assertEquals(1, written.size(), written.toString());
        return assertInstanceOf(LineReader.Read.class, reader.read(written.get(0))).record();
    }

    @Test
    void transaction() {
        Lines lines = new Lines(T);
        lines.tx("ab.3", "192.0.2.7", "client.example", "alice@client.example",
                List.of("bob@example.org", "carol@example.org"), "250", "");
        LogRecord record = only(lines);
        assertEquals(T, record.time());
        assertEquals("smtpd", record.daemon());
        assertEquals("ab.3", record.session());
        assertEquals(Kind.TRANSACTION, record.kind());
        assertEquals(Map.of("client", "192.0.2.7", "helo", "client.example", "from", "alice@client.example",
                "to", "bob@example.org,carol@example.org", "size", "1000", "queue", "0gk2vs1a3b000000",
                "result", "250", "ms", "1.50"), record.fields());
    }

    @Test
    void refusedTransactionSaysStageAndReason() {
        Lines lines = new Lines(T);
        lines.tx("ab.4", "2001:db8::7", "h", "", List.of("bob@example.org"), "552", "size");
        LogRecord record = only(lines);
        assertEquals("552", record.get("result"));
        assertEquals("data", record.get("stage"));
        assertEquals("size", record.get("reason"));
        assertEquals("2001:db8::7", record.get("client"));
        assertEquals("", record.get("from"));
    }

    @Test
    void refusal() {
        Lines lines = new Lines(T);
        lines.smtpd.event("ab.5", TransactionLog.refusal("rcpt", "192.0.2.8", "553", "5.7.1", "rcpthosts"));
        LogRecord record = only(lines);
        assertEquals(Kind.REFUSAL, record.kind());
        assertEquals(Map.of("stage", "rcpt", "client", "192.0.2.8", "code", "553", "status", "5.7.1",
                "reason", "rcpthosts"), record.fields());
    }

    @Test
    void connectionRefusalsInTheirOldWordsWithStageAndReasonAppended() {
        Lines lines = new Lines(T);
        lines.smtpd.event("ab.6", "refused 192.0.2.9 by /opt/toaster/control/tcp.smtp:3 stage=connect reason=tcprules");
        lines.smtpd.event("ab.7", "refused 192.0.2.9: too many connections stage=connect reason=connections");
        lines.smtpd.event("ab.8", "refused: talked before the greeting stage=connect reason=earlytalker");
        lines.smtpd.event("ab.9", "refused 192.0.2.9 by /opt/toaster/control/tcp.smtp:3");
        List<LogRecord> records = lines.list().stream()
                .map(l -> assertInstanceOf(LineReader.Read.class, reader.read(l)).record()).toList();
        assertEquals(List.of("tcprules", "connections", "earlytalker", "other"),
                records.stream().map(r -> r.get("reason")).toList());
        assertEquals(List.of("192.0.2.9", "192.0.2.9", "", "192.0.2.9"),
                records.stream().map(r -> r.get("client")).toList());
        records.forEach(r -> assertEquals("connect", r.get("stage")));
    }

    @Test
    void authLinesKeepTheFail2banForm() {
        Lines lines = new Lines(T);
        lines.smtpd.event("ab.10", TransactionLog.auth("failed", "192.0.2.7", "bob@example.org", "PLAIN"));
        String line = lines.list().get(0);
        assertEquals("2026-12-06T09:15:30.250Z smtpd[ab.10] auth failed client=192.0.2.7 user=bob@example.org "
                + "mechanism=PLAIN", line);
        LogRecord record = only(lines);
        assertEquals(Map.of("outcome", "failed", "client", "192.0.2.7", "user", "bob@example.org",
                "mechanism", "PLAIN"), record.fields());
    }

    @Test
    void pop3Logins() {
        Lines lines = new Lines(T);
        lines.pop3d.event("p.1", Pop3Log.loginFailed("192.0.2.7", "bob"));
        lines.pop3d.event("p.2", Pop3Log.loginOk("192.0.2.7", "bob@example.org", 3, 4096));
        List<LogRecord> records = lines.list().stream()
                .map(l -> assertInstanceOf(LineReader.Read.class, reader.read(l)).record()).toList();
        assertEquals(Map.of("outcome", "failed", "client", "192.0.2.7", "user", "bob"), records.get(0).fields());
        assertEquals(Map.of("outcome", "ok", "client", "192.0.2.7", "user", "bob@example.org", "messages", "3",
                "octets", "4096"), records.get(1).fields());
        assertEquals("pop3d", records.get(1).daemon());
    }

    @Test
    void pluginVerdict() {
        Lines lines = new Lines(T);
        lines.smtpd.event("ab.11", SppSession.verdictText("rcpt", "/opt/toaster/control/smtpplugins:12", 0, 3120,
                List.of("E550 5.1.1 sorry, no mailbox here by that name (#5.1.1)"), "refuse"));
        LogRecord record = only(lines);
        assertEquals(Map.of("section", "rcpt", "plugin", "/opt/toaster/control/smtpplugins:12", "exit", "0",
                "us", "3120", "out", "E550 5.1.1 sorry, no mailbox here by that name (#5.1.1)", "verdict", "refuse"),
                record.fields());
    }

    @Test
    void deliveriesAndBounces() {
        Lines lines = new Lines(T);
        String id = "0gk2vs1a3b000000";
        lines.smtpd.event("-", DeliveryLog.outcomeText(id, "bob@example.org",
                new Outcome.Delivered("Maildir domains/example.org/bob"), "local"));
        lines.smtpd.event("-", DeliveryLog.outcomeText(id, "x@remote.test",
                new Outcome.Deferred(Diagnosis.local("4.4.1", "no answer from mx.remote.test")), "remote"));
        lines.smtpd.event("-", DeliveryLog.bounceText(id, "bounce to <alice@client.example> queued as "
                + "0gk2vs1a3b000001", 2));
        List<LogRecord> records = lines.list().stream()
                .map(l -> assertInstanceOf(LineReader.Read.class, reader.read(l)).record()).toList();
        assertEquals(Map.of("queue", id, "rcpt", "bob@example.org", "outcome", "delivered",
                "detail", "Maildir domains/example.org/bob", "route", "local"), records.get(0).fields());
        assertEquals(Map.of("queue", id, "rcpt", "x@remote.test", "outcome", "deferred",
                "detail", "4.4.1 no answer from mx.remote.test", "route", "remote"), records.get(1).fields());
        assertEquals(Kind.BOUNCE, records.get(2).kind());
        assertEquals("2", records.get(2).get("failed"));
    }

    @Test
    void otherEventsAreReadAsOther() {
        Lines lines = new Lines(T);
        lines.smtpd.event("ab.12", "TLS started: TLSv1.3 TLS_AES_128_GCM_SHA256");
        lines.smtpd.event("-", "delivery 0gk2vs1a3b000000: done, removed from the queue");
        lines.smtpd.event("-", "delivery: 3 message(s) in the queue");
        lines.list().forEach(l -> assertEquals(Kind.OTHER,
                assertInstanceOf(LineReader.Read.class, reader.read(l)).record().kind()));
    }
}
