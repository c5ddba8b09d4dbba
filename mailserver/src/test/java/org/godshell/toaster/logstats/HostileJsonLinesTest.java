package org.godshell.toaster.logstats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.godshell.toaster.deliver.DeliveryLog;
import org.godshell.toaster.deliver.Outcome;
import org.godshell.toaster.logline.LogFormat;
import org.godshell.toaster.smtpd.TransactionLog;
import org.godshell.toaster.spp.SppSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a client puts into a value of a JSON line stays that value; and a line that is not what the daemons write
 * (a member twice, of another type, nested, a number no daemon writes, text after the object, a lone surrogate,
 * too long) is skipped and counted as malformed, never fatal, whatever its neighbours.
 */
class HostileJsonLinesTest {

    private static final Instant T = Instant.parse("2026-12-06T10:00:00Z");
    private static final String HEAD = "{\"time\":\"2026-12-06T10:00:00Z\",\"daemon\":\"smtpd\",\"session\":\"a.1\",";
    /** A transaction line as smtpd writes it, with {@code %s} for one more member or a changed one. */
    private static final String TX = HEAD + "\"event\":\"tx\",\"client\":\"192.0.2.7\",\"helo\":\"h\","
            + "\"from\":\"a@b.test\",\"to\":\"c@example.org\",\"size\":1000,\"queue\":\"0gk2vs1a3b000000\","
            + "\"result\":\"250\",\"ms\":1.50";
    private final JsonLineReader reader = new JsonLineReader();

    private LogRecord read(String line) {
        return assertInstanceOf(LineReader.Read.class, reader.read(line), line).record();
    }

    private static Tally tally(byte[] log) throws IOException {
        Tally tally = new Tally(Instant.EPOCH, ZoneOffset.UTC);
        new LogInput().read(new ByteArrayInputStream(log), tally.sink(new MixedLineReader()));
        return tally;
    }

    @Test
    void theLineWeMutateIsRead() {
        assertEquals("250", read(TX + "}").get("result"));
    }

    @Test
    void aHeloFullOfMembersIsOnlyAHelo() throws IOException {
        Lines lines = new Lines(T, LogFormat.JSON);
        String helo = "x\",\"from\":\"forged@evil.test\",\"to\":\"victim@example.org\",\"result\":\"250\","
                + "\"size\":1,\"event\":\"tx\"} {\"x\":\"";
        lines.tx("a.1", "192.0.2.66", helo, "real@client.test", List.of("bob@example.org"), "abandoned", "");
        LogRecord record = read(lines.list().get(0));
        assertEquals(helo, record.get("helo"));
        assertEquals("real@client.test", record.get("from"));
        assertEquals("bob@example.org", record.get("to"));
        assertEquals("abandoned", record.get("result"));
        assertEquals(0, tally(lines.text().getBytes(StandardCharsets.UTF_8)).received);
    }

    @Test
    void aUserNameCannotChooseTheClientOrTheMechanism() {
        Lines lines = new Lines(T, LogFormat.JSON);
        String user = "x\",\"client\":\"10.0.0.1\",\"mechanism\":\"PLAIN\"}\n{\"time\":\"" + T + "\"";
        lines.smtpd.event("a.2", TransactionLog.auth("failed", "192.0.2.66", user, "CRAM-MD5"));
        assertEquals(1, lines.list().size());
        LogRecord record = read(lines.list().get(0));
        assertEquals("192.0.2.66", record.get("client"));
        assertEquals(user.replace("\n", "\\x0a"), record.get("user"), "control characters as the text writes them");
        assertEquals("CRAM-MD5", record.get("mechanism"));
    }

    @Test
    void aPluginOrRemoteHostCannotChooseTheVerdictOrRouteInsideMsg() {
        Lines lines = new Lines(T, LogFormat.JSON);
        lines.smtpd.event("a.3", SppSession.verdictText("mail", "control/smtpplugins:1", 0, 10,
                List.of("E550 no\" verdict=accept\",\"event\":\"tx"), "refuse"));
        lines.smtpd.event("-", DeliveryLog.outcomeText("0gk2vs1a3b000000", Lines.address("\"x delivered: y\"@z.test"),
                new Outcome.Delivered("mx.z.test said: 250 ok route=local"), "remote"));
        assertEquals("refuse", read(lines.list().get(0)).get("verdict"));
        LogRecord delivery = read(lines.list().get(1));
        assertEquals("remote", delivery.get("route"));
        assertEquals("\"x delivered: y\"@z.test", delivery.get("rcpt"));
    }

    @Test
    void aMessageThatReadsLikeAnEventIsOnlyASentence() {
        for (String sentence : List.of("tx client=192.0.2.1 helo=h from=<a@b.test> to=<c@d.test> size=1 "
                + "queue=0gk2vs1a3b000000 result=250 ms=1.00", "auth failed client=192.0.2.1 user=x mechanism=PLAIN",
                "refused stage=rcpt client=192.0.2.1 code=553 status=5.7.1 reason=rcpthosts")) {
            String line = HEAD + "\"event\":\"message\",\"msg\":\"" + sentence + "\"}";
            assertEquals(Kind.OTHER, read(line).kind(), line);
        }
    }

    @Test
    void aNulOrAnyControlCharacterEscapedComesBackAsTheTextWritesIt() {
        LogRecord record = read(HEAD + "\"event\":\"message\",\"msg\":\"spp [rcpt] plugin\\u0000x exit=0 us=1 "
                + "out=\\u001b[31m verdict=refuse\"}");
        assertEquals("plugin\\x00x", record.get("plugin"));
        assertFalse(record.fields().values().stream().anyMatch(v -> v.indexOf('\0') >= 0), record.toString());
        assertEquals("\\x1b[31m", record.get("out"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "}", "{}", "[]", "null", "\"tx\"", "42", "{\"time\":\"2026-12-06T10:00:00Z\"}",
        "[" + "%TX}]", "%TX}}", "%TX}{}", "%TX} x", "%TX},", "%TX}\"", "%TX,}", "%TX,\"result\":\"554\"}",
        "%TX,\"client\":\"10.0.0.1\"}", "%TX,\"event\":\"tx\"}", "%TX,\"time\":\"2026-12-06T11:00:00Z\"}",
        "%TX,\"extra\":{\"a\":1}}", "%TX,\"extra\":[1]}", "%TX,\"extra\":null}", "%TX,\"extra\":false}",
        "%TX /* c */}", "%TX,'extra':1}", "%TX,extra:1}", "%TX,\"extra\":NaN}", "%TX,\"extra\":01}",
        "%TX,\"extra\":\"\\ud800\"}", "%TX,\"extra\":\"\\udc00\\ud800\"}", "%TX,\"\\ud800\":1}",
        "%TX,\"extra\":\"a\u0000b\"}", "%TX,\"extra\":\"a\tb\"}", "%TX,\"extra\":\"\\x41\"}", "%TX,\"extra\":1e99999}",
        "%TX,\"extra\":123456789012345678901234567890123456789}"})
    void notOneFlatObjectOfTheFormat(String line) {
        assertEquals(new LineReader.Skipped(Skip.MALFORMED), reader.read(line.replace("%TX", TX)), line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"event\":\"message\"}", "\"event\":\"message\",\"msg\":42}",
        "\"event\":\"message\",\"msg\":true}", "\"event\":\"tx\"}", "\"event\":\"refused\",\"stage\":\"rcpt\"}",
        "\"event\":\"auth failed\",\"client\":\"192.0.2.7\",\"user\":\"x\"}",
        "\"event\":\"refused\",\"stage\":\"rc pt\",\"client\":\"1.2.3.4\",\"code\":\"553\",\"status\":\"-\","
            + "\"reason\":\"x\"}", "\"event\":42}", "\"event\":true}"})
    void aKnownEventWithoutItsMembersIsMalformed(String rest) {
        assertEquals(new LineReader.Skipped(Skip.MALFORMED), reader.read(HEAD + rest), rest);
    }

    @Test
    void onlySmtpdAndPop3dLinesAreTheirs() {
        for (String daemon : List.of("wiki", "sshd", "")) {
            String line = TX.replace("\"daemon\":\"smtpd\"", "\"daemon\":\"" + daemon + "\"") + "}";
            assertEquals(new LineReader.Skipped(Skip.MALFORMED), reader.read(line), line);
        }
        assertEquals(Kind.OTHER, read(TX.replace("\"smtpd\"", "\"pop3d\"") + "}").kind(), "a tx is smtpd's");
        assertEquals(new LineReader.Skipped(Skip.MALFORMED), reader.read(TX.replace("\"a.1\"", "\"a 1\"") + "}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"size\":1000", "\"result\":\"250\"", "\"client\":\"192.0.2.7\"", "\"ms\":1.50",
        "\"time\":\"2026-12-06T10:00:00Z\"", "\"daemon\":\"smtpd\"", "\"session\":\"a.1\"", "\"from\":\"a@b.test\""})
    void aKnownEventWithAMemberOfAnotherTypeOrFormIsMalformed(String member) {
        String name = member.substring(0, member.indexOf(':'));
        for (String other : List.of("\"1000\"", "250", "true", "-1", "1.5e3", "1e400", "1" + "0".repeat(18),
                "\"10.0.0.1 x\"", "\"\"", "\"a b\"")) {
            String line = (TX + "}").replace(member, name + ":" + other);
            LineReader.Result result = reader.read(line);
            if (result instanceof LineReader.Read read) {
                // only a value of the member's own type may pass (a string for a string, a count for a count),
                // and then it is read as that value
                boolean string = member.charAt(name.length() + 1) == '"';
                assertEquals(string, other.startsWith("\""), line);
                String value = string ? other.substring(1, other.length() - 1) : other;
                assertTrue(read.record().fields().containsValue(value) || read.record().session().equals(value), line);
            } else {
                assertEquals(new LineReader.Skipped(Skip.MALFORMED), result, line);
            }
        }
    }

    @Test
    void nestingAsDeepAsYouLikeIsOneMalformedLine() {
        String deep = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
        assertEquals(new LineReader.Skipped(Skip.MALFORMED), reader.read(deep));
        String arrays = HEAD + "\"event\":\"tx\",\"x\":" + "[".repeat(200_000) + "]".repeat(200_000) + "}";
        assertEquals(new LineReader.Skipped(Skip.MALFORMED), reader.read(arrays));
    }

    @Test
    void aLineOverTheCapIsOversizedHoweverItComes() throws IOException {
        String huge = TX + ",\"extra\":\"" + "x".repeat(2 << 20) + "\"}";
        assertEquals(new LineReader.Skipped(Skip.OVERSIZED), reader.read(huge));
        Tally tally = tally((huge + "\n" + TX + "}\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(1, tally.skipped.get(Skip.OVERSIZED));
        assertEquals(1, tally.received);
    }

    @Test
    void everyBadLineIsCountedAndTheGoodOnesAroundItRead() throws IOException {
        String good = TX + "}\n";
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        log.writeBytes(good.getBytes(StandardCharsets.UTF_8));
        log.writeBytes((TX + ",\"result\":\"554\"}\n").getBytes(StandardCharsets.UTF_8));
        log.writeBytes((TX.replace("\"h\"", "\"\\ud800\"") + "}\n").getBytes(StandardCharsets.UTF_8));
        log.writeBytes(new byte[] {'{', '"', (byte) 0xc0, (byte) 0xaf, '"', '}', '\n'});
        log.writeBytes(new byte[] {'{', '"', 'a', 0, '"', '}', '\n'});
        log.writeBytes((TX.replace("\"h\"", "\"h\tx\"") + "}\n").getBytes(StandardCharsets.UTF_8));
        log.writeBytes("{\"a\":[[[[[[[[[[]]]]]]]]]]}\n".getBytes(StandardCharsets.UTF_8));
        log.writeBytes(("2026-12-06T10:00:00Z smtpd[a.2] tx client=192.0.2.7 helo=h from=<a@b.test> "
                + "to=<c@example.org> size=1000 queue=0gk2vs1a3b000000 result=250 ms=1.50\n")
                .getBytes(StandardCharsets.UTF_8));
        log.writeBytes(good.getBytes(StandardCharsets.UTF_8));
        Tally tally = tally(log.toByteArray());
        assertEquals(3, tally.received);
        assertEquals(3, tally.skipped.get(Skip.MALFORMED));
        assertEquals(2, tally.skipped.get(Skip.BINARY));
        assertEquals(1, tally.skipped.get(Skip.CONTROL));
        assertEquals(9, tally.lines);
    }
}
