package org.godshell.toaster.smtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.godshell.toaster.smtp.DataResult.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DataReaderTest {

    private static final String END = "\r\n.\r\n";
    private static final String NEXT = "QUIT\r\n";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Columns: name, body as sent after 354 (terminator included), the whole unstuffed message, outcome,
     * Received count, size limit (0 = none). OK bodies must be written exactly; refused ones are only counted,
     * and what was written is a prefix of the message.
     */
    static Stream<Arguments> bodies() {
        String x998 = "x".repeat(998);
        return Stream.of(
                row("plain", "Subject: hi\r\n\r\nhello" + END, "Subject: hi\r\n\r\nhello\r\n", Outcome.OK, 0, 0),
                row("empty message", ".\r\n", "", Outcome.OK, 0, 0),
                row("one empty line", "\r\n.\r\n", "\r\n", Outcome.OK, 0, 0),
                row("dot-stuffed line", "..hidden" + END, ".hidden\r\n", Outcome.OK, 0, 0),
                row("line of just ..", "a\r\n..\r\nb" + END, "a\r\n.\r\nb\r\n", Outcome.OK, 0, 0),
                row("line of ...", "a\r\n..." + END, "a\r\n..\r\n", Outcome.OK, 0, 0),
                row("single leading dot removed", ".x" + END, "x\r\n", Outcome.OK, 0, 0),
                row("dot space is not the end", "a\r\n. \r\nb" + END, "a\r\n \r\nb\r\n", Outcome.OK, 0, 0),
                row("dot inside lines kept", "a.b\r\nc.\r\n" + "d" + END, "a.b\r\nc.\r\nd\r\n", Outcome.OK, 0, 0),
                row("terminator-like text mid-line", "a.\r\n.b\r\n" + ".\r\n", "a.\r\nb\r\n", Outcome.OK, 0, 0),
                row("1000-byte line", x998 + END, x998 + "\r\n", Outcome.OK, 0, 0),
                row("1000-byte stuffed line", "." + x998.substring(1) + END, x998.substring(1) + "\r\n",
                        Outcome.OK, 0, 0),
                row("1001-byte line", x998 + "y" + END, x998 + "y\r\n", Outcome.LINE_TOO_LONG, 0, 0),
                row("1001-byte stuffed line", "." + x998 + END, x998 + "\r\n", Outcome.LINE_TOO_LONG, 0, 0),
                row("long line then more", "a\r\n" + "z".repeat(5000) + "\r\nb" + END,
                        "a\r\n" + "z".repeat(5000) + "\r\nb\r\n", Outcome.LINE_TOO_LONG, 0, 0),
                row("NUL", "a\0b" + END, "a\0b\r\n", Outcome.NUL_BYTE, 0, 0),
                row("NUL at line start", "\0" + END, "\0\r\n", Outcome.NUL_BYTE, 0, 0),
                // SMTP smuggling: none of these end the message; the real CRLF.CRLF does.
                row("smuggle LF.LF", "a\n.\nMAIL FROM:<x@y>" + END, "a\n.\nMAIL FROM:<x@y>\r\n",
                        Outcome.BARE_LINE_ENDING, 0, 0),
                row("smuggle LF.CRLF", "a\n.\r\nMAIL FROM:<x@y>" + END, "a\n.\r\nMAIL FROM:<x@y>\r\n",
                        Outcome.BARE_LINE_ENDING, 0, 0),
                row("smuggle CR.CR", "a\r.\rMAIL FROM:<x@y>" + END, "a\r.\rMAIL FROM:<x@y>\r\n",
                        Outcome.BARE_LINE_ENDING, 0, 0),
                row("smuggle CRLF.CR", "a\r\n.\rMAIL FROM:<x@y>" + END, "a\r\n\rMAIL FROM:<x@y>\r\n",
                        Outcome.BARE_LINE_ENDING, 0, 0),
                row("smuggle CR.CRLF", "a\r.\r\nMAIL FROM:<x@y>" + END, "a\r.\r\nMAIL FROM:<x@y>\r\n",
                        Outcome.BARE_LINE_ENDING, 0, 0),
                row("smuggle CRLF.LF", "a\r\n.\nMAIL FROM:<x@y>" + END, "a\r\n\nMAIL FROM:<x@y>\r\n",
                        Outcome.BARE_LINE_ENDING, 0, 0),
                row("smuggle LF.CR", "a\n.\rMAIL" + END, "a\n.\rMAIL\r\n", Outcome.BARE_LINE_ENDING, 0, 0),
                row("smuggle at start .LF", ".\nMAIL" + END, "\nMAIL\r\n", Outcome.BARE_LINE_ENDING, 0, 0),
                row("smuggle at start .CR", ".\rMAIL" + END, "\rMAIL\r\n", Outcome.BARE_LINE_ENDING, 0, 0),
                row("smuggle at start .CRCR", ".\r\rMAIL" + END, "\r\rMAIL\r\n", Outcome.BARE_LINE_ENDING, 0, 0),
                row("CR before CRLF.CRLF ends", "a\r\r\n.\r\n", "a\r\r\n", Outcome.BARE_LINE_ENDING, 0, 0),
                row(".CR CRLF.CRLF ends", ".\r\r\n.\r\n", "\r\r\n", Outcome.BARE_LINE_ENDING, 0, 0),
                row("bare LF in body", "a\nb" + END, "a\nb\r\n", Outcome.BARE_LINE_ENDING, 0, 0),
                row("bare LF at start", "\n" + END, "\n\r\n", Outcome.BARE_LINE_ENDING, 0, 0),
                row("bare CR then CRLF", "a\r\r\nb" + END, "a\r\r\nb\r\n", Outcome.BARE_LINE_ENDING, 0, 0),
                row("bare problem then too big", "a\nbcdef" + END, "a\nbcdef\r\n", Outcome.BARE_LINE_ENDING, 0, 4),
                row("too big then bare", "abcdef\nb" + END, "abcdef\nb\r\n", Outcome.TOO_BIG, 0, 4),
                // Size limit on the unstuffed bytes.
                row("exactly at the limit", "12345" + END, "12345\r\n", Outcome.OK, 0, 7),
                row("one over the limit", "12345" + END, "12345\r\n", Outcome.TOO_BIG, 0, 6),
                row("stuffing does not count", "..45" + END, ".45\r\n", Outcome.OK, 0, 5),
                row("far over the limit", "y".repeat(900) + "\r\n" + "y".repeat(900) + END,
                        "y".repeat(900) + "\r\n" + "y".repeat(900) + "\r\n", Outcome.TOO_BIG, 0, 10),
                // Received headers, RFC 5321 §6.3.
                row("received headers", "Received: a\r\nreceived: b\r\nRECEIVED:c\r\nSubject: x\r\n\r\nReceived: d"
                        + END, null, Outcome.OK, 3, 0),
                row("received in body only", "Subject: x\r\n\r\nReceived: b\r\nReceived: c" + END, null,
                        Outcome.OK, 0, 0),
                row("folded received", "Received: a\r\n\tfrom b\r\n Received: c\r\n\r\n" + ".\r\n", null,
                        Outcome.OK, 1, 0),
                row("near misses", "Received : a\r\nX-Received: b\r\nReceivedx: c\r\nReceive: d" + END, null,
                        Outcome.OK, 0, 0),
                row("stuffed received", ".Received: a\r\nReceived: b" + END, null, Outcome.OK, 2, 0),
                row("no header at all", "\r\nReceived: a" + END, null, Outcome.OK, 0, 0),
                row("headers without body", "Received: a\r\nReceived: b" + END, null, Outcome.OK, 2, 0));
    }

    private static Arguments row(String name, String body, String message, Outcome outcome, int received,
            long max) {
        return Arguments.of(name, body, message, outcome, received, max);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void everyReaderAndEveryChunkingAgree(String name, String body, String message, Outcome outcome, int received,
            long max) throws IOException {
        byte[] input = bytes(body + NEXT);
        byte[] first = null;
        for (int variant = 0; variant < 9; variant++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            InputStream rest;
            DataResult result;
            if (variant < 6) {
                int size = new int[] {1, 2, 3, 5, 64, 8192}[variant];
                CommandReader reader = new CommandReader(new ByteArrayInputStream(input), size);
                result = DataReader.read(reader, out, max);
                assertEquals(new Line("QUIT"), reader.read(), name + ": next command left in the reader");
                rest = InputStream.nullInputStream();
            } else if (variant == 6) {
                rest = new ByteArrayInputStream(input);
                result = DataReader.read(rest, out, max);
            } else if (variant == 7) {
                rest = new NoMark(new ByteArrayInputStream(input));
                result = DataReader.read(rest, out, max);
            } else {
                // A reader that has already buffered the body behind the DATA command.
                CommandReader reader = new CommandReader(new ByteArrayInputStream(bytes("DATA\r\n" + body + NEXT)));
                assertEquals(new Line("DATA"), reader.read());
                result = DataReader.read(reader, out, max);
                assertEquals(new Line("QUIT"), reader.read());
                rest = InputStream.nullInputStream();
            }
            if (variant == 6 || variant == 7) {
                assertArrayEquals(bytes(NEXT), rest.readAllBytes(), name + ": read past the terminator");
            }
            assertEquals(outcome, result.outcome(), name);
            assertEquals(received, result.receivedHeaders(), name);
            byte[] written = out.toByteArray();
            if (first == null) {
                first = written;
            }
            assertArrayEquals(first, written, name + ": output depends on chunking (variant " + variant + ")");
            if (message != null) {
                byte[] whole = bytes(message);
                assertEquals(whole.length, result.bytes(), name);
                if (outcome == Outcome.OK) {
                    assertArrayEquals(whole, written, name);
                } else if (outcome == Outcome.TOO_BIG) {
                    assertArrayEquals(Arrays.copyOf(whole, (int) max), written, name);
                } else {
                    assertTrue(written.length < whole.length, name);
                    assertArrayEquals(Arrays.copyOf(whole, written.length), written, name);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "abc\r\n", "abc\r\n.", "abc\r\n.\r", "a\n.\n", "a\r.\r", "a\n.\r\n",
            "a\r\n.\r", "\r\n.\n"})
    void endOfStreamBeforeTheTerminator(String body) {
        assertThrows(EOFException.class,
                () -> DataReader.read(new ByteArrayInputStream(bytes(body)), OutputStream.nullOutputStream(), 0));
        assertThrows(EOFException.class, () -> DataReader.read(
                new CommandReader(new ByteArrayInputStream(bytes(body)), 3), OutputStream.nullOutputStream(), 0));
    }

    /** A stream without mark/reset, as a raw socket stream. */
    private static final class NoMark extends FilterInputStream {
        NoMark(InputStream in) {
            super(in);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
