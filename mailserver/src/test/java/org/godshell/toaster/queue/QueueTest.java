package org.godshell.toaster.queue;

import static org.godshell.toaster.queue.Fixtures.commit;
import static org.godshell.toaster.queue.Fixtures.envelope;
import static org.godshell.toaster.queue.Fixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueTest {

    @TempDir
    Path root;

    @Test
    void openCreatesThePrivateLayout() throws IOException {
        Path dir = root.resolve("a/b/queue");
        try (Queue queue = Queue.open(dir)) {
            assertEquals(List.of(), queue.list());
        }
        for (Path p : List.of(dir, dir.resolve("tmp"), dir.resolve("mess"))) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
        }
    }

    @Test
    void binaryBytesAndEnvelopeRoundTrip() throws IOException {
        Envelope envelope = new Envelope("", List.of("a@example.org", "b@example.net"), "helo.example", "2001:db8::1",
                "user@example.org", Instant.parse("2025-01-02T03:04:05.678Z"));
        byte[] body = new byte[300_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31 + i / 256);
        }
        QueueId id;
        try (Queue queue = Queue.open(root); Intake intake = queue.begin(envelope)) {
            OutputStream out = intake.body();
            // Mixed single bytes, small and buffer-sized writes cross every buffer boundary case.
            Random sizes = new Random(1);
            int at = 0;
            while (at < body.length) {
                int n = Math.min(body.length - at, sizes.nextInt(3) == 0 ? 1 : sizes.nextInt(100_000));
                if (n == 1) {
                    out.write(body[at]);
                } else {
                    out.write(body, at, n);
                }
                at += n;
            }
            id = intake.commit();
            assertEquals(id, intake.commit(), "commit again returns the same id");
        }
        try (Queue queue = Queue.open(root)) {
            QueuedMessage message = queue.read(id);
            assertEquals(id, message.id());
            assertEquals(envelope, message.envelope());
            assertEquals(body.length, message.size());
            assertArrayEquals(body, readAll(message));
        }
    }

    @Test
    void emptyMessageRoundTrips() throws IOException {
        try (Queue queue = Queue.open(root)) {
            QueueId id = commit(queue, envelope("r@example.org"), new byte[0]);
            QueuedMessage message = queue.read(id);
            assertEquals(0, message.size());
            assertArrayEquals(new byte[0], readAll(message));
        }
    }

    @Test
    void twentyMegabytesStreamThrough() throws IOException, NoSuchAlgorithmException {
        MessageDigest written = MessageDigest.getInstance("SHA-256");
        long size = 20L * 1024 * 1024;
        QueueId id;
        try (Queue queue = Queue.open(root); Intake intake = queue.begin(envelope("big@example.org"))) {
            Random random = new Random(20);
            byte[] chunk = new byte[8192];
            for (long left = size; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                written.update(chunk);
                intake.body().write(chunk);
            }
            id = intake.commit();
        }
        try (Queue queue = Queue.open(root)) {
            QueuedMessage message = queue.read(id);
            assertEquals(size, message.size());
            MessageDigest read = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(message.openMessage(), read)) {
                assertEquals(size, in.transferTo(OutputStream.nullOutputStream()));
            }
            assertArrayEquals(written.digest(), read.digest());
        }
    }

    @Test
    void listIsOldestFirstByBeginTime() throws IOException {
        try (Queue queue = Queue.open(root)) {
            List<QueueId> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(commit(queue, envelope("r" + i + "@example.org"), Fixtures.body(i)));
            }
            try (Intake first = queue.begin(envelope("first@example.org"));
                    Intake second = queue.begin(envelope("second@example.org"))) {
                QueueId secondId = second.commit();
                ids.add(first.commit());
                ids.add(secondId);
            }
            assertEquals(ids, queue.list());
        }
    }

    @Test
    void readingAMissingIdSaysWhichIdIsMissing() throws IOException {
        try (Queue queue = Queue.open(root)) {
            QueueId id = QueueId.next();
            NoSuchMessageException e = assertThrows(NoSuchMessageException.class, () -> queue.read(id));
            assertEquals(id, e.id());
            assertTrue(e.getMessage().contains("no message " + id), e.getMessage());
        }
    }

    @Test
    void hostileRecipientIsStoredEscapedAndReadBackIdentically() throws IOException {
        String hostile = "victim@example.org\r\nTforged@evil.example\0\nA admin";
        Envelope envelope = new Envelope("x@example.org", List.of(hostile), "helo\r\nHfake", "192.0.2.1", null,
                Instant.parse("2025-05-01T00:00:00Z"));
        try (Queue queue = Queue.open(root)) {
            QueueId id = commit(queue, envelope, "hi\r\n".getBytes(StandardCharsets.US_ASCII));
            QueuedMessage message = queue.read(id);
            assertEquals(envelope, message.envelope());
            assertEquals(1, message.envelope().recipients().size());
            assertEquals("hi\r\n", new String(readAll(message), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void foreignNamesInMessAreNotListed() throws IOException {
        try (Queue queue = Queue.open(root)) {
            QueueId id = commit(queue, envelope("r@example.org"), new byte[] {1});
            Files.writeString(root.resolve("mess/README"), "not a message");
            Files.writeString(root.resolve("mess/.hidden"), "not a message");
            assertEquals(List.of(id), queue.list());
        }
    }

    @Test
    void commitLeavesNoTempBehindAndSurvivesReopen() throws IOException {
        QueueId id;
        try (Queue queue = Queue.open(root)) {
            id = commit(queue, envelope("r@example.org"), Fixtures.body(7));
        }
        try (var temps = Files.list(root.resolve("tmp"))) {
            assertEquals(0, temps.count());
        }
        try (Queue queue = Queue.open(root)) {
            assertEquals(List.of(id), queue.list());
            assertArrayEquals(Fixtures.body(7), readAll(queue.read(id)));
        }
    }
}
