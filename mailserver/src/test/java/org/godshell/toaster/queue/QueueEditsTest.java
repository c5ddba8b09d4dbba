package org.godshell.toaster.queue;

import static org.godshell.toaster.queue.Fixtures.envelope;
import static org.godshell.toaster.queue.Fixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Header edits stored at the commit: what readers see, what the file holds, and what the commit refuses. */
class QueueEditsTest {

    private static final String RECEIVED = "Received: from client.example.org\r\n\tby mx.example.org; Thu, 1 May 2025\r\n"
            + "Authentication-Results: mx.example.org; dkim=pass (forged)\r\n"
            + "Subject: hello\r\n"
            + "To: a@example.org,\r\n b@example.org\r\n"
            + "\r\n"
            + "Body line: not a field\r\n";
    private static final String RESULTS = "Authentication-Results: mx.example.org;\r\n\tdkim=pass header.d=example.org";

    @TempDir
    Path root;

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private QueuedMessage commitAndRead(byte[] body, HeaderEdits edits) throws IOException {
        try (Queue queue = Queue.open(root)) {
            QueueId id;
            try (Intake intake = queue.begin(envelope("r@example.org"))) {
                intake.body().write(body);
                id = intake.commit(edits);
            }
            return queue.read(id);
        }
    }

    private static void assertReads(String expected, QueuedMessage message) throws IOException {
        assertEquals(expected, text(readAll(message)));
        assertEquals(ascii(expected).length, message.size());
    }

    @Test
    void addsAndDropsInASmallMessageStillInTheBuffer() throws IOException {
        QueuedMessage message = commitAndRead(ascii(RECEIVED),
                new HeaderEdits(List.of(RESULTS, "X-Spam-Status: No, score=0.1"), List.of(1)));
        assertReads(RESULTS + "\r\nX-Spam-Status: No, score=0.1\r\n" + RECEIVED.replace(
                "Authentication-Results: mx.example.org; dkim=pass (forged)\r\n", ""), message);
        String file = text(Files.readAllBytes(message.file()));
        assertTrue(file.contains("\nM" + String.format("%019d", RECEIVED.length()) + "\n\n" + RECEIVED), file);
        assertTrue(file.endsWith(RECEIVED + "+Authentication-Results: mx.example.org;%0D%0A%09dkim=pass "
                + "header.d=example.org\n+X-Spam-Status: No, score=0.1\n-72 132\n.\n"), file);
    }

    @Test
    void aJunkVerdictIsStoredWithTheEditsAndReadBack() throws IOException {
        QueueId id;
        try (Queue queue = Queue.open(root)) {
            try (Intake intake = queue.begin(envelope("r@example.org"))) {
                intake.body().write(ascii(RECEIVED));
                id = intake.commit(HeaderEdits.add(RESULTS), Folder.JUNK);
            }
            QueuedMessage message = queue.read(id);
            assertEquals(Folder.JUNK, message.folder());
            assertReads(RESULTS + "\r\n" + RECEIVED, message);
            assertTrue(text(Files.readAllBytes(message.file())).endsWith("\nJ\n.\n"));
        }
        assertEquals(Folder.INBOX, commitAndRead(ascii(RECEIVED), HeaderEdits.NONE).folder());
    }

    @Test
    void zeroEditsStoreTheMessageAsReceived() throws IOException {
        QueuedMessage message = commitAndRead(ascii(RECEIVED), HeaderEdits.NONE);
        assertReads(RECEIVED, message);
        assertEquals(MessageLayout.verbatim(message.layout().bodyOffset(), RECEIVED.length()), message.layout());
        assertTrue(text(Files.readAllBytes(message.file())).endsWith(RECEIVED + ".\n"));
    }

    @Test
    void addsOnly() throws IOException {
        assertReads("X-A: 1\r\nX-B: 2\r\n" + RECEIVED, commitAndRead(ascii(RECEIVED), HeaderEdits.add("X-A: 1", "X-B: 2")));
    }

    @Test
    void dropsOnlyOfFoldedFieldsAndOfTheFirstAndTheLast() throws IOException {
        assertReads("Authentication-Results: mx.example.org; dkim=pass (forged)\r\nSubject: hello\r\n\r\n"
                + "Body line: not a field\r\n", commitAndRead(ascii(RECEIVED), new HeaderEdits(List.of(), List.of(0, 3))));
        Files.delete(onlyFile());
        assertReads("Received: from client.example.org\r\n\tby mx.example.org; Thu, 1 May 2025\r\nSubject: hello\r\n"
                + "To: a@example.org,\r\n b@example.org\r\n\r\nBody line: not a field\r\n",
                commitAndRead(ascii(RECEIVED), new HeaderEdits(List.of(), List.of(1))));
        Files.delete(onlyFile());
        assertReads("\r\nBody line: not a field\r\n",
                commitAndRead(ascii(RECEIVED), new HeaderEdits(List.of(), List.of(3, 2, 1, 0))));
    }

    @Test
    void aMessageWithoutBody() throws IOException {
        assertReads("X-New: 1\r\nA: 1\r\n", commitAndRead(ascii("A: 1\r\nB: 2\r\n"),
                new HeaderEdits(List.of("X-New: 1"), List.of(1))));
        Files.delete(onlyFile());
        assertReads("B: no final line break", commitAndRead(ascii("A: 1\r\nB: no final line break"),
                new HeaderEdits(List.of(), List.of(0))));
        Files.delete(onlyFile());
        assertReads("X-New: 1\r\n", commitAndRead(new byte[0], HeaderEdits.add("X-New: 1")));
    }

    @Test
    void aMessageMuchLargerThanTheBufferIsPatchedInPlace() throws IOException {
        byte[] body = bigMessage(3_000_000, 1);
        QueuedMessage message = commitAndRead(body, new HeaderEdits(List.of(RESULTS), List.of(0, 2)));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(ascii(RESULTS + "\r\n"));
        expected.write(ascii("X-1: one\r\n"));
        int fields = ascii("X-0: zero\r\nX-1: one\r\nX-2: two\r\n").length;
        expected.write(body, fields, body.length - fields);
        assertArrayEquals(expected.toByteArray(), readAll(message));
        assertEquals(expected.size(), message.size());
        assertEquals(body.length, message.layout().receivedSize());
    }

    @Test
    void receivedGivesBackExactlyTheBytesWrittenSoFar() throws IOException {
        byte[] body = bigMessage(200_000, 2);
        try (Queue queue = Queue.open(root); Intake intake = queue.begin(envelope("r@example.org"))) {
            intake.body().write(body, 0, 10);
            try (InputStream in = intake.received()) {
                assertArrayEquals(Arrays.copyOf(body, 10), in.readAllBytes());
            }
            intake.body().write(body, 10, body.length - 10);
            try (InputStream in = intake.received()) {
                assertArrayEquals(body, in.readAllBytes(), "read back after big writes");
            }
            try (InputStream in = intake.received()) {
                HeaderBlock block = HeaderBlock.read(in);
                assertEquals(List.of("X-0", "X-1", "X-2"), block.fields().stream().map(HeaderBlock.Field::name).toList());
            }
            QueueId id = intake.commit(new HeaderEdits(List.of("X-Checked: yes"), List.of(1)));
            String head = "X-Checked: yes\r\nX-0: zero\r\nX-2: two\r\n\r\n";
            byte[] read = readAll(queue.read(id));
            assertEquals(head, text(Arrays.copyOf(read, head.length())));
            assertEquals(body.length + head.length() - "X-0: zero\r\nX-1: one\r\nX-2: two\r\n\r\n".length(),
                    read.length);
            assertThrows(IOException.class, intake::received, "not after the commit");
        }
    }

    @Test
    void aPositionPastTheHeaderIsRefusedAndTheIntakeStaysOpen() throws IOException {
        try (Queue queue = Queue.open(root); Intake intake = queue.begin(envelope("r@example.org"))) {
            intake.body().write(ascii(RECEIVED));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> intake.commit(new HeaderEdits(List.of("X-A: 1"), List.of(1, 4))));
            assertTrue(e.getMessage().contains("position 4") && e.getMessage().contains("has 4"), e.getMessage());
            QueueId id = intake.commit(new HeaderEdits(List.of("X-A: 1"), List.of(1, 3)));
            assertEquals("X-A: 1\r\n" + RECEIVED.substring(0, 72) + "Subject: hello\r\n\r\nBody line: not a field\r\n",
                    text(readAll(queue.read(id))));
        }
    }

    @Test
    void aHeaderBlockOverTheCapDropsOnlyFieldsWithinIt() throws IOException {
        String filler = "X-Filler: " + "f".repeat(80) + "\r\n";
        int count = HeaderBlock.MAX_BYTES / filler.length() + 100;
        String message = "Authentication-Results: forged\r\n" + filler.repeat(count) + "\r\nbody\r\n";
        try (Queue queue = Queue.open(root); Intake intake = queue.begin(envelope("r@example.org"))) {
            intake.body().write(ascii(message));
            HeaderBlock block;
            try (InputStream in = intake.received()) {
                block = HeaderBlock.read(in);
            }
            assertFalse(block.complete());
            int indexed = block.fields().size();
            assertTrue(indexed < count, "indexed " + indexed);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> intake.commit(new HeaderEdits(List.of(), List.of(indexed))));
            assertTrue(e.getMessage().contains("within its cap"), e.getMessage());
            QueueId id = intake.commit(new HeaderEdits(List.of(), List.of(0)));
            assertEquals(message.substring(32), text(readAll(queue.read(id))));
        }
    }

    @Test
    void singleBytesAndBlocksReadTheSame() throws IOException {
        QueuedMessage message = commitAndRead(ascii(RECEIVED), new HeaderEdits(List.of("X-A: 1"), List.of(1, 3)));
        ByteArrayOutputStream singles = new ByteArrayOutputStream();
        try (InputStream in = message.openMessage()) {
            for (int b = in.read(); b >= 0; b = in.read()) {
                singles.write(b);
            }
            assertEquals(-1, in.read());
            assertEquals(-1, in.read(new byte[10], 0, 10));
            assertEquals(0, in.read(new byte[10], 0, 0));
        }
        assertArrayEquals(readAll(message), singles.toByteArray());
    }

    @Test
    void aRemovedMessageSaysSoWhenOpened() throws IOException {
        QueuedMessage message = commitAndRead(ascii(RECEIVED), HeaderEdits.add("X-A: 1"));
        Files.delete(message.file());
        assertThrows(NoSuchMessageException.class, message::openMessage);
    }

    /** Three header fields, an empty line, then random bytes. */
    static byte[] bigMessage(int size, long seed) {
        byte[] head = ascii("X-0: zero\r\nX-1: one\r\nX-2: two\r\n\r\n");
        byte[] out = new byte[size];
        new Random(seed).nextBytes(out);
        System.arraycopy(head, 0, out, 0, head.length);
        return out;
    }

    private Path onlyFile() throws IOException {
        try (var files = Files.list(root.resolve("mess"))) {
            return files.findFirst().orElseThrow();
        }
    }
}
