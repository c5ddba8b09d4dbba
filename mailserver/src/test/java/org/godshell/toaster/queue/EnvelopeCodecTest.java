package org.godshell.toaster.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeCodecTest {

    private static final Instant WHEN = Instant.parse("2025-05-01T10:15:30.123456789Z");

    private static final String PLACEHOLDER = "M-------------------\n";

    /** Encodes, patches the M line as a commit does for a 3-byte message, decodes. */
    private static EnvelopeCodec.Decoded roundTrip(Envelope envelope) throws IOException {
        byte[] encoded = EnvelopeCodec.encode(envelope);
        byte[] withBody = new byte[encoded.length + 3];
        System.arraycopy(encoded, 0, withBody, 0, encoded.length);
        byte[] size = EnvelopeCodec.sizeField(3);
        System.arraycopy(size, 0, withBody, encoded.length - EnvelopeCodec.SIZE_FIELD_FROM_END, size.length);
        withBody[encoded.length] = 'X';
        ByteArrayInputStream in = new ByteArrayInputStream(withBody);
        EnvelopeCodec.Decoded decoded = EnvelopeCodec.decode(in, "test");
        assertEquals(encoded.length, decoded.length());
        assertEquals(OptionalLong.of(3), decoded.receivedSize());
        assertEquals('X', in.read(), "the stream is left at the first message byte");
        return decoded;
    }

    @Test
    void plainEnvelopeIsReadableText() throws IOException {
        Envelope envelope = new Envelope("a@example.org", List.of("b@example.net", "c@example.com"), "mx.example.org",
                "192.0.2.1", "a@example.org", WHEN);
        assertEquals("""
                V1
                Fa@example.org
                Tb@example.net
                Tc@example.com
                Hmx.example.org
                C192.0.2.1
                Aa@example.org
                R2025-05-01T10:15:30.123456789Z
                M-------------------

                """, new String(EnvelopeCodec.encode(envelope), StandardCharsets.UTF_8));
        assertEquals(envelope, roundTrip(envelope).envelope());
    }

    @Test
    void eightBitMimeAndSmtputf8AreKept() throws IOException {
        Envelope envelope = new Envelope("josé@example.org", List.of("b@example.net"), "h", "192.0.2.1", null, WHEN,
                true, true);
        assertEquals("""
                V1
                Fjosé@example.org
                Tb@example.net
                Hh
                C192.0.2.1
                R2025-05-01T10:15:30.123456789Z
                B8BITMIME
                U
                M-------------------

                """, new String(EnvelopeCodec.encode(envelope), StandardCharsets.UTF_8));
        assertEquals(envelope, roundTrip(envelope).envelope());
        Envelope onlyEightBit = new Envelope("a@x", List.of("b@y"), "h", "::1", null, WHEN, true, false);
        assertEquals(onlyEightBit, roundTrip(onlyEightBit).envelope());
    }

    /** A queue file written before the B and U lines existed: 7-bit, not SMTPUTF8 (issue 18 §2). */
    @Test
    void anOldEnvelopeWithoutTheFlagsReadsAsSevenBitWithoutSmtputf8() throws IOException {
        byte[] old = "V1\nFa@x\nTb@y\nHh\nC192.0.2.1\nR2025-05-01T10:15:30Z\n\nbody".getBytes(StandardCharsets.UTF_8);
        Envelope envelope = EnvelopeCodec.decode(new ByteArrayInputStream(old), "old").envelope();
        assertFalse(envelope.eightBitMime());
        assertFalse(envelope.smtputf8());
        assertEquals(OptionalLong.empty(), EnvelopeCodec.decode(new ByteArrayInputStream(old), "old").receivedSize(),
                "no M line: no header edits, the message runs to the end of the file");
    }

    @Test
    void theSizeFieldIsFixedWidth() {
        assertEquals("0000000000000000000", new String(EnvelopeCodec.sizeField(0), StandardCharsets.US_ASCII));
        assertEquals("9223372036854775807",
                new String(EnvelopeCodec.sizeField(Long.MAX_VALUE), StandardCharsets.US_ASCII));
        assertThrows(IllegalArgumentException.class, () -> EnvelopeCodec.sizeField(-1));
        assertThrows(IllegalArgumentException.class, () -> EnvelopeCodec.sizeField(Long.MIN_VALUE));
        for (long size : new long[] {1, 9, 10, 4711, 999_999, 1_000_000_000_000_000_000L, Long.MAX_VALUE - 1}) {
            assertEquals(String.format("%019d", size), new String(EnvelopeCodec.sizeField(size),
                    StandardCharsets.US_ASCII), "as the formatter wrote it before");
        }
    }

    /** The placeholder of a temp file, a short, long, signed or overflowing size, a line after M, M twice. */
    @ParameterizedTest
    @ValueSource(strings = {PLACEHOLDER, "M12\n", "M00000000000000000001\n", "M+000000000000000001\n",
        "M9999999999999999999\n", "M0000000000000000001\nU\n", "M0000000000000000001\nM0000000000000000001\n",
        "M000000000000000000%41\n"})
    void badSizeLinesAreCorrupt(String lines) {
        byte[] file = ("V1\nFa@x\nTb@y\nHh\nC1\nR2025-05-01T10:15:30Z\n" + lines + "\nX")
                .getBytes(StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class,
                () -> EnvelopeCodec.decode(new ByteArrayInputStream(file), "q"));
        assertTrue(e.getMessage().startsWith("corrupt queue file q: "), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"B7BIT\n", "BBINARYMIME\n", "Uyes\n", "U\nU\n", "B8BITMIME\nB8BITMIME\n"})
    void badOrRepeatedFlagLinesAreCorrupt(String lines) {
        byte[] file = ("V1\nFa@x\nTb@y\nHh\nC1\nR2025-05-01T10:15:30Z\n" + lines + "\n").getBytes(StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class,
                () -> EnvelopeCodec.decode(new ByteArrayInputStream(file), "q"));
        assertTrue(e.getMessage().startsWith("corrupt queue file q: "), e.getMessage());
    }

    @Test
    void nullSenderAndNoAuthRoundTrip() throws IOException {
        Envelope envelope = new Envelope("", List.of("postmaster@example.org"), "h", "::1", null, WHEN);
        assertEquals(envelope, roundTrip(envelope).envelope());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x@y\r\nTforged@evil", "x@y\nTforged@evil", "nul\0byte", "\n", "\r", "%", "%0A",
        "%%41", "tab\tdel\u007f", "ünïcødé@bücher.example", "emoji\uD83D\uDCE7@x", "\n\nbody?", "A\nR1970-01-01T00:00:00Z"})
    void hostileValuesCannotForgeLinesAndReadBackIdentically(String hostile) throws IOException {
        Envelope envelope = new Envelope(hostile, List.of(hostile, "ok@example.org"), hostile, hostile, hostile, WHEN);
        byte[] encoded = EnvelopeCodec.encode(envelope);
        String text = new String(encoded, StandardCharsets.UTF_8);
        // V, F, 2×T, H, C, A, R, M and the empty line: ten lines whatever the values hold.
        assertEquals(10, text.split("\n", -1).length - 1, text);
        assertTrue(text.indexOf('\r') < 0 && text.indexOf('\0') < 0, text);
        assertEquals(envelope, roundTrip(envelope).envelope());
    }

    @Test
    void unpairedSurrogateIsRefusedAtEncode() {
        Envelope envelope = new Envelope("bad\uD83D@x", List.of("r@x"), "h", "c", null, WHEN);
        assertThrows(IllegalArgumentException.class, () -> EnvelopeCodec.encode(envelope));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "V2\nFa\nTb\nHh\nCc\nR2025-05-01T10:15:30Z\n\n", "V1\nFa\nTb\nHh\nCc\n",
        "V1\nFa\nHh\nCc\nR2025-05-01T10:15:30Z\n\n", "V1\nFa\nFb\nTb\nHh\nCc\nR2025-05-01T10:15:30Z\n\n",
        "V1\nFa\nTb\nHh\nCc\nXnope\nR2025-05-01T10:15:30Z\n\n", "V1\nF%4\nTb\nHh\nCc\nR2025-05-01T10:15:30Z\n\n",
        "V1\nFa\nTb\nHh\nCc\nRyesterday\n\n"})
    void corruptFilesAreReportedWithTheirName(String file) {
        IOException e = assertThrows(IOException.class, () -> EnvelopeCodec.decode(
                new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), "mess/x"));
        assertTrue(e.getMessage().startsWith("corrupt queue file mess/x: "), e.getMessage());
    }

    @Test
    void envelopeRefusesNoRecipients() {
        assertThrows(IllegalArgumentException.class, () -> new Envelope("a", List.of(), "h", "c", null, WHEN));
    }
}
