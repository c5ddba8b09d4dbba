package org.godshell.toaster.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.godshell.toaster.queue.Queue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup while mail arrives, is queued, read (moved from new/ to cur/, flags changed) and deleted: every
 * member of the archive matches its checksum and the message it came from, and every message delivered or
 * queued before the backup began is in it exactly once. Whatever the interleaving, these hold.
 */
class MailArrivingTest {

    @TempDir
    Path temp;

    @Test
    void nothingHalfWrittenNothingMissedNothingTwice() throws Exception {
        Path prefix = Fixture.toaster(temp.resolve("toaster"));
        Map<String, String> delivered = new ConcurrentHashMap<>();        // base name -> content, alice's
        Map<String, String> queued = new ConcurrentHashMap<>();           // queue id -> file content
        try (Stream<Path> fixture = Files.list(Fixture.maildir(prefix, "alice").resolve("new"))) {
            for (Path message : fixture.toList()) {
                delivered.put(TreeWalk.base(message.getFileName().toString()),
                        Files.readString(message, StandardCharsets.ISO_8859_1));
            }
        }
        for (int i = 0; i < 30; i++) {
            deliver(prefix, delivered, "before " + i);
        }
        Map<String, String> before = Map.copyOf(delivered);
        try (Stream<Path> news = Files.list(Fixture.maildir(prefix, "alice").resolve("new"))) {
            for (Path message : news.toList()) {
                String base = TreeWalk.base(message.getFileName().toString());
                if (before.containsKey(base)) {
                    assertEquals(before.get(base), Files.readString(message, StandardCharsets.ISO_8859_1));
                }
            }
        }
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch running = new CountDownLatch(3);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        try (Stream<Path> fixture = Files.list(prefix.resolve("queue/mess"))) {
            for (Path message : fixture.toList()) {
                queued.put(message.getFileName().toString(), Files.readString(message, StandardCharsets.ISO_8859_1));
            }
        }
        try (Queue queue = Queue.open(prefix.resolve("queue"))) {
            for (int i = 0; i < 10; i++) {
                String id = Fixture.queue(queue, "Subject: before " + i + "\r\n\r\nx\r\n");
                queued.put(id, Files.readString(prefix.resolve("queue/mess").resolve(id), StandardCharsets.ISO_8859_1));
            }
            Map<String, String> queuedBefore = Map.copyOf(queued);
            threads.add(Thread.ofPlatform().start(loop(done, running, failures, n -> deliver(prefix, delivered, "during " + n))));
            threads.add(Thread.ofPlatform().start(loop(done, running, failures, n -> {
                String id = Fixture.queue(queue, "Subject: during " + n + "\r\n\r\ny\r\n");
                queued.put(id, Files.readString(prefix.resolve("queue/mess").resolve(id), StandardCharsets.ISO_8859_1));
            })));
            threads.add(Thread.ofPlatform().start(loop(done, running, failures, n -> read(Fixture.maildir(prefix, "alice")))));
            running.await();
            Backup.Result result;
            try {
                result = Fixture.backup(prefix).run(new Backup.IntoDirectory(temp.resolve("backups")), false,
                        Encryption.NONE, false);
            } finally {
                done.set(true);
                for (Thread thread : threads) {
                    thread.join();
                }
            }
            assertEquals(List.of(), failures);
            assertEquals(List.of(), Verification.verify(result.archive(), Opener.PLAIN, Limits.DEFAULT).problems());

            Map<String, byte[]> members = new HashMap<>();
            try (var in = Fixture.open(result.archive())) {
                ArchiveReader.read(in, Limits.DEFAULT, name -> new ByteArrayOutputStream() {
                    @Override
                    public void close() {
                        members.put(name, toByteArray());
                    }
                });
            }
            String inbox = "domains/example.org/alice/Maildir/";
            Map<String, Integer> copies = new HashMap<>();
            members.forEach((name, bytes) -> {
                if (name.startsWith(inbox + "new/") || name.startsWith(inbox + "cur/")) {
                    String base = TreeWalk.base(name.substring(name.lastIndexOf('/') + 1));
                    copies.merge(base, 1, Integer::sum);
                    assertEquals(delivered.get(base), new String(bytes, StandardCharsets.ISO_8859_1), name);
                } else if (name.startsWith("queue/mess/")) {
                    assertEquals(queued.get(name.substring("queue/mess/".length())),
                            new String(bytes, StandardCharsets.ISO_8859_1), name);
                }
            });
            copies.forEach((base, count) -> assertEquals(1, count, base + " in the archive once"));
            for (String base : before.keySet()) {
                assertTrue(copies.containsKey(base), "delivered before the backup: " + base);
            }
            for (String id : queuedBefore.keySet()) {
                assertTrue(members.containsKey("queue/mess/" + id), "queued before the backup: " + id);
            }
        }
    }

    private interface Step {
        void run(int n) throws IOException;
    }

    private static Runnable loop(AtomicBoolean done, CountDownLatch running, List<Throwable> failures, Step step) {
        return () -> {
            try {
                for (int n = 0; !done.get(); n++) {
                    step.run(n);
                    if (n == 5) {
                        running.countDown();
                    }
                }
            } catch (IOException | RuntimeException e) {
                synchronized (failures) {
                    failures.add(e);
                }
                running.countDown();
            }
        };
    }

    private static void deliver(Path prefix, Map<String, String> delivered, String text) throws IOException {
        String message = "Subject: " + text + "\n\n" + text.repeat(200) + "\n";
        String name = Fixture.deliver(prefix, "alice", message);
        delivered.put(TreeWalk.base(name), message);      // LF-only text is stored verbatim (checked below)
    }

    /** A mail client: the oldest message of new/ to cur/, then a flag added; some of the new ones deleted. */
    private static void read(Path maildir) throws IOException {
        try (Stream<Path> news = Files.list(maildir.resolve("new"))) {
            for (Path message : news.sorted().limit(2).toList()) {
                Path seen = maildir.resolve("cur").resolve(message.getFileName() + ":2,S");
                try {
                    Files.move(message, seen);
                    Files.move(seen, maildir.resolve("cur").resolve(message.getFileName() + ":2,RS"));
                } catch (NoSuchFileException e) {
                    // the backup's lookup is not in the way; another step of this client moved it
                }
            }
        }
    }
}
