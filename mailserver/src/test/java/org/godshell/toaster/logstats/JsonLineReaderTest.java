package org.godshell.toaster.logstats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.godshell.toaster.deliver.DeliveryLog;
import org.godshell.toaster.deliver.Diagnosis;
import org.godshell.toaster.deliver.Outcome;
import org.godshell.toaster.logline.Field;
import org.godshell.toaster.logline.Line;
import org.godshell.toaster.logline.LogFormat;
import org.godshell.toaster.pop3.Pop3Log;
import org.godshell.toaster.smtpd.TransactionLog;
import org.godshell.toaster.spp.SppSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of line the daemons write, in JSON, read back into the record its text line gives. */
class JsonLineReaderTest {

    private static final Instant T = Instant.parse("2026-12-06T09:15:30.250Z");
    private static final String ID = "0gk2vs1a3b000000";

    private static LogRecord read(LineReader reader, Consumer<Lines> write, LogFormat format) {
        Lines lines = new Lines(T, format);
        write.accept(lines);
        List<String> written = lines.list();
        assertEquals(1, written.size(), written.toString());
        return assertInstanceOf(LineReader.Read.class, reader.read(written.get(0)), written.get(0)).record();
    }

    static Stream<Arguments> lines() {
        return Stream.of(
                Arguments.of(Kind.TRANSACTION, (Consumer<Lines>) l -> l.tx("a.1", "192.0.2.7", "client.example",
                        "alice@client.example", List.of("bob@example.org", "carol@example.org"), "250", "")),
                Arguments.of(Kind.TRANSACTION, (Consumer<Lines>) l -> l.tx("a.2", "2001:db8::7", "h", "",
                        List.of("bob@example.org"), "552", "size")),
                Arguments.of(Kind.TRANSACTION, (Consumer<Lines>) l -> l.tx("a.3", "192.0.2.7", "h", "a@b.test",
                        List.of(), "abandoned", "")),
                Arguments.of(Kind.REFUSAL, (Consumer<Lines>) l -> l.smtpd.event("a.4",
                        TransactionLog.refusal("rcpt", "192.0.2.8", "553", "5.7.1", "rcpthosts"))),
                Arguments.of(Kind.REFUSAL, (Consumer<Lines>) l -> l.smtpd.event("a.5",
                        "refused 192.0.2.9: too many connections stage=connect reason=connections")),
                Arguments.of(Kind.REFUSAL, (Consumer<Lines>) l -> l.smtpd.event("a.6",
                        "refused: talked before the greeting stage=connect reason=earlytalker")),
                Arguments.of(Kind.REFUSAL, (Consumer<Lines>) l -> l.smtpd.event("a.7",
                        "refused 192.0.2.9 by /opt/toaster/control/tcp.smtp:3")),
                Arguments.of(Kind.AUTH, (Consumer<Lines>) l -> l.smtpd.event("a.8",
                        TransactionLog.auth("ok", "192.0.2.7", "bob@example.org", "PLAIN"))),
                Arguments.of(Kind.AUTH, (Consumer<Lines>) l -> l.smtpd.event("a.9",
                        TransactionLog.auth("failed", "192.0.2.7", "bob", "LOGIN"))),
                Arguments.of(Kind.AUTH, (Consumer<Lines>) l -> l.smtpd.event("a.10",
                        TransactionLog.auth("refused by plugin", "192.0.2.7", "bob", ""))),
                Arguments.of(Kind.AUTH, (Consumer<Lines>) l -> l.pop3d.event("p.1",
                        Pop3Log.loginOk("198.51.100.4", "bob@example.org", 3, 10412))),
                Arguments.of(Kind.AUTH, (Consumer<Lines>) l -> l.pop3d.event("p.2",
                        Pop3Log.loginFailed("198.51.100.4", "root"))),
                Arguments.of(Kind.PLUGIN, (Consumer<Lines>) l -> l.smtpd.event("a.11", SppSession.verdictText("rcpt",
                        "control/smtpplugins:3", 0, 900, List.of("E550 no such user", "LNOTE"), "refuse"))),
                Arguments.of(Kind.DELIVERY, (Consumer<Lines>) l -> l.smtpd.event("-", DeliveryLog.outcomeText(ID,
                        "bob@example.org", new Outcome.Delivered("Maildir"), "local"))),
                Arguments.of(Kind.DELIVERY, (Consumer<Lines>) l -> l.smtpd.event("-", DeliveryLog.outcomeText(ID,
                        "a@far.test", new Outcome.Deferred(Diagnosis.local("4.4.1", "no answer")), "remote"))),
                Arguments.of(Kind.BOUNCE, (Consumer<Lines>) l -> l.smtpd.event("-", DeliveryLog.bounceText(ID,
                        "no bounce: the sender is <>", 3))),
                Arguments.of(Kind.OTHER, (Consumer<Lines>) l -> l.pop3d.event("p.3",
                        Line.Event.of("connect").with("client", "198.51.100.4").with(Field.flag("tls")))),
                Arguments.of(Kind.OTHER, (Consumer<Lines>) l -> l.pop3d.event("p.4", Line.Event.of("quit")
                        .with("user", "bob").with(Field.number("removed", 2)).with(Field.number("failed", 0)))),
                Arguments.of(Kind.OTHER, (Consumer<Lines>) l -> l.pop3d.event("-",
                        "refused 192.0.2.9: too many connections")),
                Arguments.of(Kind.OTHER, (Consumer<Lines>) l -> l.smtpd.event("a.12",
                        "TLS started: TLSv1.3 TLS_AES_128_GCM_SHA256")));
    }

    @ParameterizedTest
    @MethodSource("lines")
    void theSameRecordAsTheTextLine(Kind kind, Consumer<Lines> write) {
        LogRecord fromText = read(new TextLineReader(), write, LogFormat.TEXT);
        assertEquals(kind, fromText.kind());
        assertEquals(fromText, read(new JsonLineReader(), write, LogFormat.JSON));
        assertEquals(fromText, read(new MixedLineReader(), write, LogFormat.JSON));
    }

    @Test
    void aTransactionFieldByField() {
        LogRecord record = read(new JsonLineReader(), l -> l.tx("ab.3", "192.0.2.7", "client.example",
                "alice@client.example", List.of("bob@example.org", "carol@example.org"), "250", ""), LogFormat.JSON);
        assertEquals(T, record.time());
        assertEquals("smtpd", record.daemon());
        assertEquals("ab.3", record.session());
        assertEquals(Map.of("client", "192.0.2.7", "helo", "client.example", "from", "alice@client.example",
                "to", "bob@example.org,carol@example.org", "size", "1000", "queue", ID, "result", "250",
                "ms", "1.50"), record.fields());
    }

    @Test
    void membersAddedLaterArePassedOver() {
        String line = "{\"time\":\"2026-12-06T09:15:30Z\",\"daemon\":\"pop3d\",\"session\":\"p.1\","
                + "\"event\":\"login failed\",\"client\":\"192.0.2.7\",\"user\":\"bob\",\"outcome\":\"ok\","
                + "\"tls\":true,\"attempt\":3}";
        LogRecord record = assertInstanceOf(LineReader.Read.class, new JsonLineReader().read(line)).record();
        assertEquals(Map.of("outcome", "failed", "client", "192.0.2.7", "user", "bob"), record.fields());
    }
}
