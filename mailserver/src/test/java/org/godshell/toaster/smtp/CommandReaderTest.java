package org.godshell.toaster.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommandReaderTest {

    private static final String L510 = "N".repeat(510);
    private static final String L511 = "N".repeat(511);

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Reads every result until Eof, with the given buffer size. */
    private static List<CommandLine> readAll(byte[] input, int bufferSize) throws IOException {
        CommandReader reader = new CommandReader(new ByteArrayInputStream(input), bufferSize);
        List<CommandLine> out = new ArrayList<>();
        CommandLine line;
        do {
            line = reader.read();
            out.add(line);
        } while (!(line instanceof Eof));
        return out;
    }

    static Stream<Arguments> lines() {
        Line next = new Line("NEXT");
        return Stream.of(
                Arguments.of("plain", "HELO a\r\n", List.of(new Line("HELO a"))),
                Arguments.of("empty line", "\r\n", List.of(new Line(""))),
                Arguments.of("pipelined", "MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n",
                        List.of(new Line("MAIL FROM:<a@b>"), new Line("RCPT TO:<c@d>"), new Line("DATA"))),
                Arguments.of("512 bytes with CRLF", "MAIL " + L510.substring(5) + "\r\nNEXT\r\n",
                        List.of(new Line("MAIL " + L510.substring(5)), next)),
                Arguments.of("513 bytes", L511 + "\r\nNEXT\r\n", List.of(new TooLong(), next)),
                Arguments.of("5000 bytes", "X".repeat(5000) + "\r\nNEXT\r\n", List.of(new TooLong(), next)),
                Arguments.of("too long ending in bare LF", "X".repeat(600) + "\nNEXT\r\n", List.of(new TooLong(), next)),
                Arguments.of("bare LF", "HELO a\nNEXT\r\n", List.of(new BareLineEnding(), next)),
                Arguments.of("bare LF alone", "\nNEXT\r\n", List.of(new BareLineEnding(), next)),
                Arguments.of("bare CR", "HELO\ra\r\nNEXT\r\n", List.of(new BareLineEnding(), next)),
                Arguments.of("CR CR LF", "HELO a\r\r\nNEXT\r\n", List.of(new BareLineEnding(), next)),
                Arguments.of("bare CR then bare LF", "A\rB\nNEXT\r\n", List.of(new BareLineEnding(), next)),
                Arguments.of("LF CR", "HELO a\n\rNEXT\r\n", List.of(new BareLineEnding(), new BareLineEnding())),
                Arguments.of("NUL", "HELO a\0b\r\nNEXT\r\n", List.of(new HasNul(), next)),
                Arguments.of("NUL and too long", "\0" + L511 + "\r\nNEXT\r\n", List.of(new TooLong(), next)),
                Arguments.of("invalid UTF-8", "MAIL FROM:<\u00ff@b>\r\nNEXT\r\n", List.of(new Malformed(), next)),
                Arguments.of("overlong slash", "A\u00c0\u00af\r\nNEXT\r\n", List.of(new Malformed(), next)),
                Arguments.of("UTF-16 surrogate in UTF-8", "A\u00ed\u00a0\u0080\r\nNEXT\r\n", List.of(new Malformed(), next)),
                Arguments.of("truncated sequence", "A\u00c3\r\nNEXT\r\n", List.of(new Malformed(), next)),
                Arguments.of("valid UTF-8", "RCPT TO:<j\u00c3\u00b6rg@b>\r\n", List.of(new Line("RCPT TO:<jörg@b>"))),
                Arguments.of("EOF mid-line", "HELO a", List.of()),
                Arguments.of("EOF after CR", "HELO a\r", List.of()),
                Arguments.of("nothing", "", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void lines(String name, String input, List<CommandLine> expected) throws IOException {
        List<CommandLine> want = new ArrayList<>(expected);
        want.add(new Eof());
        for (int size : new int[] {1, 2, 3, 7, 512, 8192}) {
            assertEquals(want, readAll(bytes(input), size), name + " with buffer " + size);
        }
    }

    /** The buffer starts at 1 KB and grows when a read fills it: a long pipelined group reads whole, in order. */
    @Test
    void aPipelinedGroupLargerThanTheFirstBufferIsReadWhole() throws IOException {
        StringBuilder group = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            group.append("RCPT TO:<r").append(i).append("@x.test>\r\n");
        }
        CommandReader reader = new CommandReader(new ByteArrayInputStream(bytes(group.toString())));
        for (int i = 0; i < 2000; i++) {
            assertEquals(new Line("RCPT TO:<r" + i + "@x.test>"), reader.read());
        }
        assertEquals(new Eof(), reader.read());
    }

    @Test
    void bufferedBytesAreCountedAndDiscarded() throws IOException {
        byte[] input = bytes("STARTTLS\r\nMAIL FROM:<evil@x>\r\n");
        CommandReader reader = new CommandReader(new ByteArrayInputStream(input));
        assertEquals(new Line("STARTTLS"), reader.read());
        assertEquals("MAIL FROM:<evil@x>\r\n".length(), reader.buffered());
        reader.discardBuffered();
        assertEquals(0, reader.buffered());
        assertEquals(new Eof(), reader.read());
    }

    @Test
    void neverConsumesPastTheLineFromTheStreamPointOfView() throws IOException {
        byte[] input = bytes("NOOP\r\nQUIT\r\n");
        CommandReader reader = new CommandReader(new ByteArrayInputStream(input));
        assertEquals(new Line("NOOP"), reader.read());
        assertEquals(6, reader.buffered());
        assertEquals(new Line("QUIT"), reader.read());
        assertEquals(0, reader.buffered());
    }
}
