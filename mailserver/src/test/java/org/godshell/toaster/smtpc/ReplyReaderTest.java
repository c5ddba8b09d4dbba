package org.godshell.toaster.smtpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.godshell.toaster.smtp.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyReaderTest {

    private static ReplyReader reader(String wire) {
        return new ReplyReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsMultilineRepliesWithEnhancedCodes() throws IOException {
        ReplyReader r = reader("550-5.1.1 no such\r\n550 5.1.1 user\r\n250 ok\r\n354\r\n451 4.7.1\r\n");
        Reply first = r.read();
        assertEquals(550, first.code());
        assertEquals("5.1.1", first.enhanced());
        assertEquals(List.of("no such", "user"), first.lines());
        Reply second = r.read();
        assertNull(second.enhanced());
        assertEquals(List.of("ok"), second.lines());
        assertEquals(List.of(""), r.read().lines());
        Reply bare = r.read();
        assertEquals("4.7.1", bare.enhanced());
        assertEquals(List.of(""), bare.lines());
    }

    @Test
    void enhancedCodeOfAnotherClassIsText() throws IOException {
        Reply reply = reader("550 2.1.1 odd\r\n").read();
        assertNull(reply.enhanced());
        assertEquals("2.1.1 odd", reply.text());
    }

    @Test
    void controlCharactersAndBadUtf8BecomeSafeText() throws IOException {
        byte[] wire = {'2', '5', '0', ' ', 'a', '\t', 'b', 0x1b, (byte) 0xff, '\r', '\n'};
        Reply reply = new ReplyReader(new ByteArrayInputStream(wire)).read();
        assertEquals("a b \ufffd", reply.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"250 ok\n", "250 o\rk\r\n", "25 ok\r\n", "2x0 ok\r\n", "150 ok\r\n", "650 ok\r\n",
        "250_ok\r\n", "250-a\r\n251 b\r\n", "250 \0\r\n", "ok\r\n", "\r\n"})
    void malformedRepliesAreRefused(String wire) {
        assertThrows(ProtocolException.class, () -> reader(wire).read());
    }

    @Test
    void limitsLineLengthAndLineCount() throws IOException {
        assertEquals(994, reader("250 " + "x".repeat(994) + "\r\n").read().text().length());
        assertThrows(ProtocolException.class, () -> reader("250 " + "x".repeat(995) + "\r\n").read());
        assertEquals(100, reader("250-x\r\n".repeat(99) + "250 x\r\n").read().lines().size());
        assertThrows(ProtocolException.class, () -> reader("250-x\r\n".repeat(100) + "250 x\r\n").read());
    }

    @Test
    void endOfInputIsAnEofNotAReply() {
        assertThrows(EOFException.class, () -> reader("").read());
        assertThrows(EOFException.class, () -> reader("250-a\r\n").read());
    }

    @Test
    void extensionsFromEhlo() throws IOException {
        Extensions e = Extensions.of(reader("250-mx.test hi\r\n250-PIPELINING\r\n250-size 1000\r\n"
                + "250-AUTH login Plain\r\n250 STARTTLS\r\n").read());
        assertEquals(new Extensions(true, true, OptionalLong.of(1000), Set.of("LOGIN", "PLAIN"), false, false), e);
        assertEquals(OptionalLong.of(0), Extensions.of(reader("250-x\r\n250 SIZE 1e9\r\n").read()).size());
        Extensions mime = Extensions.of(reader("250-x\r\n250-8bitmime\r\n250 SMTPUTF8\r\n").read());
        assertTrue(mime.eightBitMime() && mime.smtputf8(), mime.toString());
        assertEquals(Extensions.NONE, Extensions.of(reader("250 mx.test\r\n").read()));
    }
}
