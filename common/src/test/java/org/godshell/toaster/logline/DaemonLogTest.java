package org.godshell.toaster.logline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * One line, two formats: the text the toaster always wrote, byte for byte, and the JSON object with the same
 * fields; neither lets a client-supplied value end the line or pose as another field.
 */
class DaemonLogTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T14:10:00.123Z"), ZoneOffset.UTC);

    private static final Line.Event AUTH_FAILED = Line.Event.of("auth failed").with("client", "192.0.2.7")
            .with("user", "bob@example.org").with("mechanism", "PLAIN");

    private static DaemonLog log(LogFormat format, int max) {
        return new DaemonLog("smtpd", DaemonLog.Prefix.SESSION, format, new PrintStream(new ByteArrayOutputStream()),
                CLOCK, max);
    }

    @Test
    void theTextLineIsTheDocumentedOne() {
        assertEquals("2026-11-26T14:10:00.123Z smtpd[ab.3] auth failed client=192.0.2.7 user=bob@example.org "
                + "mechanism=PLAIN", log(LogFormat.TEXT, 0).render("ab.3", AUTH_FAILED));
    }

    @Test
    void theJsonLineHasTheFixedMembersFirstThenEachField() {
        assertEquals("{\"time\":\"2026-11-26T14:10:00.123Z\",\"daemon\":\"smtpd\",\"session\":\"ab.3\","
                + "\"event\":\"auth failed\",\"client\":\"192.0.2.7\",\"user\":\"bob@example.org\","
                + "\"mechanism\":\"PLAIN\"}", log(LogFormat.JSON, 0).render("ab.3", AUTH_FAILED));
    }

    @Test
    void anglesNumbersAndFlagsAsEachFormatWritesThem() {
        Line.Event tx = Line.Event.of("tx").with("client", "192.0.2.7").with(Field.angled("from", ""))
                .with(Field.angled("to", "a@x.test,b@x.test")).with(Field.number("size", 1432))
                .with(Field.decimal("ms", "2.31")).with(Field.flag("tls"));
        assertEquals("2026-11-26T14:10:00.123Z smtpd[-] tx client=192.0.2.7 from=<> to=<a@x.test,b@x.test> "
                + "size=1432 ms=2.31 tls", log(LogFormat.TEXT, 0).render("-", tx));
        assertEquals("{\"time\":\"2026-11-26T14:10:00.123Z\",\"daemon\":\"smtpd\",\"session\":\"-\",\"event\":\"tx\","
                + "\"client\":\"192.0.2.7\",\"from\":\"\",\"to\":\"a@x.test,b@x.test\",\"size\":1432,\"ms\":2.31,"
                + "\"tls\":true}", log(LogFormat.JSON, 0).render("-", tx));
    }

    @Test
    void aSentenceIsAMessageEvent() {
        Line line = new Line.Message("delivery 0gk2: done, removed from the queue");
        assertEquals("2026-11-26T14:10:00.123Z smtpd[-] delivery 0gk2: done, removed from the queue",
                log(LogFormat.TEXT, 0).render("-", line));
        assertEquals("{\"time\":\"2026-11-26T14:10:00.123Z\",\"daemon\":\"smtpd\",\"session\":\"-\","
                + "\"event\":\"message\",\"msg\":\"delivery 0gk2: done, removed from the queue\"}",
                log(LogFormat.JSON, 0).render("-", line));
    }

    @Test
    void aDaemonWithoutSessionsKeepsItsOwnPrefix() {
        DaemonLog wiki = new DaemonLog("wiki", DaemonLog.Prefix.DAEMON, LogFormat.TEXT,
                new PrintStream(new ByteArrayOutputStream()), CLOCK, 0);
        assertEquals("2026-11-26T14:10:00.123Z wiki: git push: refused", wiki.render("-",
                new Line.Message("git push: refused")));
    }

    @Test
    void controlCharactersCannotStartAForgedTextLine() {
        Line.Event forged = Line.Event.of("auth failed").with("client", "192.0.2.7")
                .with("user", "x\r\n2026-11-26T14:10:00Z smtpd[x] auth failed client=203.0.113.9\u007f\u0000\t");
        assertEquals("2026-11-26T14:10:00.123Z smtpd[s] auth failed client=192.0.2.7 user=x\\x0d\\x0a"
                + "2026-11-26T14:10:00Z smtpd[x] auth failed client=203.0.113.9\\x7f\\x00\\x09",
                log(LogFormat.TEXT, 0).render("s", forged));
    }

    @Test
    void jsonEscapesQuotesBackslashesControlsAndLoneSurrogates() {
        Line.Event forged = Line.Event.of("auth failed").with("client", "192.0.2.7")
                .with("user", "x\",\"client\":\"203.0.113.9\\\n\ud800é");
        assertEquals("{\"time\":\"2026-11-26T14:10:00.123Z\",\"daemon\":\"smtpd\",\"session\":\"s\","
                + "\"event\":\"auth failed\",\"client\":\"192.0.2.7\","
                + "\"user\":\"x\\\",\\\"client\\\":\\\"203.0.113.9\\\\\\n\\ufffd\\u00e9\"}",
                log(LogFormat.JSON, 0).render("s", forged));
    }

    @Test
    void aLimitCutsTheTextBodyAndEachJsonValueAtTheSameLength() {
        Line.Event longName = Line.Event.of("login failed").with("client", "192.0.2.7").with("user", "é".repeat(500));
        String text = log(LogFormat.TEXT, 300).render("s", longName);
        String body = "login failed client=192.0.2.7 user=";
        assertEquals("2026-11-26T14:10:00.123Z smtpd[s] " + body + "é".repeat(300 - body.length()), text);
        String json = log(LogFormat.JSON, 300).render("s", longName);
        assertEquals(300, json.split("\"user\":\"")[1].replace("\"}", "").split("\\\\u00e9", -1).length - 1);
    }

    @Test
    void cleanTextIsReturnedAsItIs() {
        String text = "tx client=127.0.0.1 helo=bench.localhost é";
        assertSame(text, TextLine.clean(text, 0));
    }

    @Test
    void writeAppendsOneLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DaemonLog log = new DaemonLog("pop3d", DaemonLog.Prefix.SESSION, LogFormat.TEXT,
                new PrintStream(bytes, true, StandardCharsets.UTF_8), CLOCK, 300);
        log.message("listening");
        log.write("p.1", Line.Event.of("connect").with("client", "192.0.2.7").with(Field.flag("tls")));
        assertEquals("2026-11-26T14:10:00.123Z pop3d[-] listening\n"
                + "2026-11-26T14:10:00.123Z pop3d[p.1] connect client=192.0.2.7 tls\n",
                bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void namesAreOursAndNeverTakeAFixedMember() {
        for (String name : new String[] {"time", "event", "msg", "daemon", "session", "", "Client", "a b", "a=b",
            "a\"", "x".repeat(33)}) {
            assertThrows(IllegalArgumentException.class, () -> Field.of(name, "v"), name);
        }
        assertThrows(IllegalArgumentException.class, () -> AUTH_FAILED.with("user", "again"));
        assertThrows(IllegalArgumentException.class, () -> Field.decimal("ms", "1e9"));
        assertThrows(IllegalArgumentException.class, () -> Field.decimal("ms", "NaN"));
        assertThrows(IllegalArgumentException.class, () -> Line.Event.of("Auth failed"));
        assertThrows(IllegalArgumentException.class, () -> Line.Event.of("a\"b"));
    }

    @Test
    void theControlFileWordsAreExact() {
        assertEquals(LogFormat.JSON, LogFormat.of("json").orElseThrow());
        assertEquals(LogFormat.TEXT, LogFormat.of("text").orElseThrow());
        for (String word : new String[] {"JSON", " json", "", "yaml", "json\u0000"}) {
            assertEquals(java.util.Optional.empty(), LogFormat.of(word), word);
        }
    }
}
