package org.godshell.toaster.logstats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.godshell.toaster.deliver.DeliveryLog;
import org.godshell.toaster.deliver.Diagnosis;
import org.godshell.toaster.deliver.Outcome;
import org.godshell.toaster.logline.LogFormat;
import org.godshell.toaster.pop3.Pop3Log;
import org.godshell.toaster.smtpd.TransactionLog;
import org.godshell.toaster.spp.SppSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A day of traffic written by the daemons' log classes on a set clock, and the report's exact counts. */
class ScriptedDayTest {

    private static final Instant DAY = Instant.parse("2026-12-06T00:00:00Z");
    private static final String ID = "0gk2vs1a3b000000";
    private static Tally tally;

    @BeforeAll
    static void aDay() throws IOException {
        tally = read(day(LogFormat.TEXT), new TextLineReader());
    }

    /**
     * The day's log in {@code format}, one line per event in the same order whatever the format, ending with a
     * line of garbage and a line cut short.
     */
    static String day(LogFormat format) {
        Lines l = new Lines(DAY.minusSeconds(3600), format);
        l.tx("y.1", "192.0.2.99", "old", "before@since.test", List.of("bob@example.org"), "250", "");
        l.clock.now = at("08:05");
        l.tx("s.1", "192.0.2.10", "a.test", "alice@a.test", List.of("bob@example.org"), "250", "");
        l.tx("s.2", "192.0.2.10", "a.test", "alice@a.test", List.of("bob@example.org", "carol@example.org"), "250",
                "");
        for (int i = 3; i <= 5; i++) {
            l.smtpd.event("s." + i, TransactionLog.refusal("rcpt", "198.51.100.5", "553", "5.7.1", "rcpthosts"));
        }
        for (String rcpt : List.of("bob@example.org", "bob@example.org", "carol@example.org")) {
            l.smtpd.event("-", DeliveryLog.outcomeText(ID, rcpt, new Outcome.Delivered("Maildir"), "local"));
        }
        l.clock.now = at("09:40");
        l.tx("s.6", "192.0.2.20", "mx.remote.test", "", List.of("alice@remote.test"), "250", "");
        for (int i = 0; i < 2; i++) {
            l.smtpd.event("-", DeliveryLog.outcomeText(ID, "alice@remote.test",
                    new Outcome.Deferred(Diagnosis.local("4.4.1", "no answer")), "remote"));
        }
        l.smtpd.event("-", DeliveryLog.outcomeText(ID, "alice@remote.test",
                new Outcome.Delivered("mx.remote.test said: 250 ok"), "remote"));
        for (int i = 0; i < 4; i++) {
            l.smtpd.event("s.7", TransactionLog.auth("failed", "203.0.113.9", "admin", "PLAIN"));
        }
        l.pop3d.event("p.1", Pop3Log.loginFailed("203.0.113.10", "root"));
        for (int i = 0; i < 2; i++) {
            l.smtpd.event("s.8", SppSession.verdictText("rcpt", "control/smtpplugins:3", 0, 900,
                    List.of("E550 no such user"), "refuse"));
        }
        l.smtpd.event("s.8", SppSession.verdictText("body", "control/smtpplugins:7", 0, 1200,
                List.of("HX-Tag: yes"), "none"));
        l.tx("s.9", "203.0.113.9", "m.test", "mallory@m.test", List.of("bob@example.org"), "552", "size");
        l.tx("s.10", "203.0.113.9", "m.test", "mallory@m.test", List.of(), "abandoned", "");
        l.clock.now = at("13:00");
        l.smtpd.event("s.11", "refused 198.51.100.6 by control/tcp.smtp:2 stage=connect reason=tcprules");
        l.smtpd.event("-", DeliveryLog.outcomeText(ID, "gone@remote.test",
                new Outcome.Failed(Diagnosis.local("5.1.1", "no such user")), "remote"));
        l.smtpd.event("-", DeliveryLog.bounceText(ID, "bounce to <dave@d.test> queued as 0gk2vs1a3b000001", 2));
        l.tx("s.12", "192.0.2.30", "d.test", "dave@d.test", List.of("bob@example.org"), "250", "");
        l.smtpd.event("s.12", "TLS started: TLSv1.3 TLS_AES_128_GCM_SHA256");
        return l.text() + "garbage\n" + l.list().get(1).substring(0, 60) + "\n";
    }

    /** The report's figures of {@code log}, from {@link #DAY} on. */
    static Tally read(String log, LineReader reader) throws IOException {
        Tally tally = new Tally(DAY, ZoneOffset.UTC);
        new LogInput().read(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), tally.sink(reader));
        return tally;
    }

    private static Instant at(String time) {
        return Instant.parse("2026-12-06T" + time + ":00Z");
    }

    @Test
    void json() {
        String hours = "";
        for (int h = 0; h < 24; h++) {
            long[] n = switch (h) {
                case 8 -> new long[] {2, 3, 0, 0, 3};
                case 9 -> new long[] {1, 1, 2, 0, 1};
                case 13 -> new long[] {1, 0, 0, 2, 1};
                default -> new long[5];
            };
            hours += (h == 0 ? "" : ",") + "{\"hour\":" + h + ",\"received\":" + n[0] + ",\"delivered\":" + n[1]
                    + ",\"deferred\":" + n[2] + ",\"bounced\":" + n[3] + ",\"refused\":" + n[4] + "}";
        }
        assertEquals("{\"since\":\"2026-12-06T00:00:00Z\",\"first\":\"2026-12-06T08:05:00Z\","
                + "\"last\":\"2026-12-06T13:00:00Z\",\"received\":4,\"received_recipients\":5,\"received_bytes\":4000,"
                + "\"delivered\":{\"local\":3,\"remote\":1,\"unknown\":0},\"deferred\":2,\"bounced\":2,\"refused\":5,"
                + "\"abandoned\":1,\"auth_failures\":5,"
                + "\"refused_by\":[{\"stage\":\"rcpt\",\"reason\":\"rcpthosts\",\"count\":3},"
                + "{\"stage\":\"connect\",\"reason\":\"tcprules\",\"count\":1},"
                + "{\"stage\":\"data\",\"reason\":\"size\",\"count\":1}],"
                + "\"top_senders\":[{\"address\":\"<alice@a.test>\",\"count\":2},{\"address\":\"<>\",\"count\":1},"
                + "{\"address\":\"<dave@d.test>\",\"count\":1}],"
                + "\"top_recipients\":[{\"address\":\"bob@example.org\",\"count\":3},"
                + "{\"address\":\"alice@remote.test\",\"count\":1},{\"address\":\"carol@example.org\",\"count\":1}],"
                + "\"top_clients\":[{\"client\":\"192.0.2.10\",\"count\":2},{\"client\":\"192.0.2.20\",\"count\":1},"
                + "{\"client\":\"192.0.2.30\",\"count\":1}],"
                + "\"auth_failures_by_client\":[{\"client\":\"203.0.113.9\",\"count\":4},"
                + "{\"client\":\"203.0.113.10\",\"count\":1}],"
                + "\"plugin_verdicts\":[{\"plugin\":\"control/smtpplugins:3\",\"section\":\"rcpt\","
                + "\"verdict\":\"refuse\",\"count\":2},"
                + "{\"plugin\":\"control/smtpplugins:7\",\"section\":\"body\",\"verdict\":\"none\","
                + "\"count\":1}],"
                + "\"per_hour\":[" + hours + "],"
                + "\"lines\":{\"read\":30,\"oversized\":0,\"binary\":0,\"control\":0,\"malformed\":2,"
                + "\"before_since\":1,\"other\":1}}", JsonReport.render(tally));
    }

    @Test
    void text() {
        String text = TextReport.render(tally);
        for (String row : List.of(
                "        4   received (5 recipients, 4000 bytes)",
                "        3   delivered locally",
                "        1   delivered remotely",
                "        2   deferred (attempts)",
                "        2   bounced (recipients given up on)",
                "        5   refused",
                "        1   abandoned (no DATA)",
                "        5   AUTH failures",
                "Refused, by stage and reason\n----------------------------\n        3   rcpt rcpthosts\n"
                        + "        1   connect tcprules\n        1   data size\n",
                "Top senders\n-----------\n        2   <alice@a.test>\n        1   <>\n        1   <dave@d.test>\n",
                "        2   control/smtpplugins:3 rcpt refuse\n",
                "hour         received delivered  deferred   bounced   refused\n",
                "0800-0900           2         3         0         0         3\n",
                "0900-1000           1         1         2         0         1\n",
                "1300-1400           1         0         0         2         1\n",
                "       30   read\n",
                "        2   skipped: malformed\n",
                "        1   before --since\n")) {
            assertTrue(text.contains(row), row + "\nnot in\n" + text);
        }
    }

    @Test
    void theOrderOfTheLinesChangesNothing() throws IOException {
        Tally reversed = new Tally(DAY, ZoneOffset.UTC);
        Lines l = new Lines(at("10:00"));
        l.tx("r.1", "192.0.2.2", "h", "b@x.test", List.of("z@example.org"), "250", "");
        l.tx("r.2", "192.0.2.1", "h", "a@x.test", List.of("z@example.org"), "250", "");
        Tally forward = new Tally(DAY, ZoneOffset.UTC);
        List<String> lines = l.list();
        TextLineReader reader = new TextLineReader();
        lines.forEach(line -> forward.sink(reader).line(line));
        lines.reversed().forEach(line -> reversed.sink(reader).line(line));
        assertEquals(JsonReport.render(forward), JsonReport.render(reversed));
        assertEquals(TextReport.render(forward), TextReport.render(reversed));
    }
}
