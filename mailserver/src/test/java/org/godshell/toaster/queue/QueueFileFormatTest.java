package org.godshell.toaster.queue;

import static org.godshell.toaster.queue.Fixtures.envelope;
import static org.godshell.toaster.queue.Fixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Queue files written by hand: the format before header edits still reads, damaged edits are reported. */
class QueueFileFormatTest {

    private static final String MESSAGE = "A: 1\r\nB: 2\r\n\r\nbody\r\n";

    @TempDir
    Path root;

    /** A committed file as the queue writes it, with {@code size} in the M line and {@code trailer} after. */
    private QueueId write(long size, String message, String trailer) throws IOException {
        byte[] head = EnvelopeCodec.encode(envelope("r@example.org"));
        byte[] digits = EnvelopeCodec.sizeField(size);
        System.arraycopy(digits, 0, head, head.length - EnvelopeCodec.SIZE_FIELD_FROM_END, digits.length);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(head);
        file.write(message.getBytes(StandardCharsets.UTF_8));
        file.write(trailer.getBytes(StandardCharsets.UTF_8));
        return writeFile(file.toByteArray());
    }

    private QueueId writeFile(byte[] bytes) throws IOException {
        QueueId id = QueueId.next();
        Files.createDirectories(root.resolve("mess"));
        Files.write(root.resolve("mess").resolve(id.value()), bytes);
        return id;
    }

    @Test
    void aFileFromBeforeHeaderEditsReadsAsBefore() throws IOException {
        String old = "V1\nFs@example.org\nTr@example.org\nHh\nC192.0.2.1\nR2025-05-01T10:15:30Z\nB8BITMIME\nU\n\n";
        QueueId id = writeFile((old + MESSAGE).getBytes(StandardCharsets.UTF_8));
        try (Queue queue = Queue.open(root)) {
            QueuedMessage message = queue.read(id);
            assertEquals(MESSAGE, new String(readAll(message), StandardCharsets.UTF_8));
            assertEquals(MESSAGE.length(), message.size());
            assertEquals(MessageLayout.verbatim(old.length(), MESSAGE.length()), message.layout());
            assertTrue(message.envelope().eightBitMime() && message.envelope().smtputf8());
        }
    }

    @Test
    void aHandWrittenTrailerReadsAsDocumented() throws IOException {
        QueueId id = write(MESSAGE.length(), MESSAGE, "+X-Folded: a%0D%0A%09b\n-0 6\n+X-Second: %25\n.\n");
        try (Queue queue = Queue.open(root)) {
            QueuedMessage message = queue.read(id);
            assertEquals("X-Folded: a\r\n\tb\r\nX-Second: %\r\nB: 2\r\n\r\nbody\r\n",
                    new String(readAll(message), StandardCharsets.UTF_8));
            assertEquals(List.of(new MessageLayout.Range(0, 6)), message.layout().dropped());
        }
    }

    @Test
    void aJLineSendsTheMessageToJunk() throws IOException {
        QueueId id = write(MESSAGE.length(), MESSAGE, "-0 6\nJ\n.\n");
        try (Queue queue = Queue.open(root)) {
            QueuedMessage message = queue.read(id);
            assertEquals(Folder.JUNK, message.folder());
            assertEquals("B: 2\r\n\r\nbody\r\n", new String(readAll(message), StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "23|'.\n'|the M line says",
        "6|'.\n'|unknown header edit tag B",
        "20|''|lack their closing line",
        "20|'+X-A: 1\n'|lack their closing line",
        "20|'.'|middle of a line",
        "20|'.\n.\n'|after the end",
        "20|'.\nX'|after the end",
        "20|'.x\n'|bad header edit line",
        "20|'\n.\n'|an empty line",
        "20|'*X-A: 1\n.\n'|unknown header edit tag",
        "20|'+X-A: 1%0AX-B: 2\n.\n'|bare LF",
        "20|'+X-A: 1%0D%0AX-B: 2\n.\n'|second field",
        "20|'+X-A: %4\n.\n'|bad %-escape",
        "20|'+no colon\n.\n'|field name",
        "20|'+\n.\n'|empty",
        "20|'-6 12\n-0 6\n.\n'|out of order",
        "20|'-0 6\n-5 12\n.\n'|out of order",
        "20|'-6 21\n.\n'|past the message",
        "20|'-6 6\n.\n'|bad range",
        "20|'-6\n.\n'|bad header edit line",
        "20|'-a b\n.\n'|bad header edit line",
        "20|'--1 6\n.\n'|bad header edit line",
        "20|'-1 2 3\n.\n'|bad header edit line",
        "20|'-1234567890123456789 1234567890123456790\n.\n'|bad header edit line",
        "20|'J\nJ\n.\n'|bad header edit line",
        "20|'Junk\n.\n'|bad header edit line"})
    void damagedEditsAreReportedAsCorrupt(long size, String trailer, String why) throws IOException {
        QueueId id = write(size, MESSAGE, trailer);
        try (Queue queue = Queue.open(root)) {
            IOException e = assertThrows(IOException.class, () -> queue.read(id));
            String file = root.resolve("mess").resolve(id.value()).toString();
            assertTrue(e.getMessage().startsWith("corrupt queue file " + file + ": "), e.getMessage());
            assertTrue(e.getMessage().contains(why), e.getMessage());
        }
    }

    @Test
    void addedFieldsOverTheCapAreCorrupt() throws IOException {
        String field = "+X-Filler: " + "x".repeat(900) + "\n";
        QueueId id = write(MESSAGE.length(), MESSAGE, field.repeat(HeaderEdits.MAX_ADDED_OCTETS / 900) + ".\n");
        try (Queue queue = Queue.open(root)) {
            IOException e = assertThrows(IOException.class, () -> queue.read(id));
            assertTrue(e.getMessage().contains("over " + HeaderEdits.MAX_ADDED_OCTETS), e.getMessage());
        }
    }

    @Test
    void aTrailerOverItsCapIsNotReadIntoMemory() throws IOException {
        QueueId id = write(MESSAGE.length(), MESSAGE, "");
        Path file = root.resolve("mess").resolve(id.value());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            // A sparse tail: the file claims a huge trailer without the test writing megabytes.
            channel.write(ByteBuffer.wrap(new byte[] {'\n'}), Files.size(file) + EditsCodec.MAX_TRAILER);
        }
        try (Queue queue = Queue.open(root)) {
            IOException e = assertThrows(IOException.class, () -> queue.read(id));
            assertTrue(e.getMessage().contains("over " + EditsCodec.MAX_TRAILER), e.getMessage());
        }
    }
}
