package org.godshell.toaster.deliver.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaildirTest {

    @TempDir
    Path home;

    private final Maildir maildir = new Maildir();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a\\r\\nb\\r\\n|a\\nb\\n", "\\r\\n\\r\\n|\\n\\n", "bare\\rcr\\r\\n|bare\\rcr\\n", "ends in cr\\r|ends in cr\\r",
        "no newline|no newline", "\\r\\r\\n|\\r\\n"})
    void crlfBecomesLfAndNothingElseChanges(String in, String expected) throws IOException {
        byte[] input = in.replace("\\r", "\r").replace("\\n", "\n").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long written = Maildir.copyWithLf(new ByteArrayInputStream(input), out);
        assertEquals(expected.replace("\\r", "\r").replace("\\n", "\n"), out.toString(StandardCharsets.UTF_8));
        assertEquals(out.size(), written);
    }

    @Test
    void crlfSplitAcrossBuffersIsStillOneLineEnd() throws IOException {
        byte[] input = new byte[64 * 1024 + 1];
        java.util.Arrays.fill(input, (byte) 'x');
        input[64 * 1024 - 1] = '\r';
        input[64 * 1024] = '\n';
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Maildir.copyWithLf(new ByteArrayInputStream(input), out);
        assertEquals(64 * 1024, out.size());
        assertEquals('\n', out.toByteArray()[64 * 1024 - 1]);
    }

    @Test
    void deliversIntoNewWithTheSizeInTheNameAndNothingLeftInTmp() throws IOException {
        Path box = home.resolve("Maildir");
        String name = maildir.deliver(box, "", "Return-Path: <a@b>\n", stream("Subject: hi\r\n\r\nbody\r\n"));
        Path file = box.resolve("new").resolve(name);
        byte[] content = Files.readAllBytes(file);
        assertArrayEquals("Return-Path: <a@b>\nSubject: hi\n\nbody\n".getBytes(StandardCharsets.UTF_8), content);
        assertTrue(name.endsWith(",S=" + content.length), name);
        assertTrue(name.matches("\\d+\\.M\\d+P\\d+Q\\d+\\.[^/:]+,S=\\d+"), name);
        assertEquals(0, count(box.resolve("tmp")));
        assertTrue(Files.isDirectory(box.resolve("cur")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(box)));
    }

    @Test
    void deliversIntoAnExistingFolderAndRefusesAMissingOne() throws IOException {
        Path box = home.resolve("Maildir");
        for (String sub : List.of("tmp", "new", "cur")) {
            Files.createDirectories(box.resolve(".lists").resolve(sub));
        }
        String name = maildir.deliver(box, "lists", "", stream("x\r\n"));
        assertTrue(Files.exists(box.resolve(".lists/new").resolve(name)));
        assertThrows(IOException.class, () -> maildir.deliver(box, "missing", "", stream("x\r\n")));
        assertTrue(Files.notExists(box.resolve(".missing")));
    }

    @Test
    void concurrentDeliveriesGetDistinctNames() throws Exception {
        Path box = home.resolve("Maildir");
        Set<String> names = new HashSet<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(threads.submit(() -> maildir.deliver(box, "", "", stream("m\r\n"))));
            }
            for (Future<String> future : futures) {
                names.add(future.get());
            }
        }
        assertEquals(200, names.size());
        assertEquals(200, count(box.resolve("new")));
    }

    @Test
    void concurrentDeliveriesReturnOnlyAfterAnFsyncOfNewThatSawTheirLink() throws Exception {
        Path box = home.resolve("Maildir");
        // What an fsync of new/ makes durable: the names in new/ when it began.
        Set<String> durable = ConcurrentHashMap.newKeySet();
        AtomicInteger fsyncs = new AtomicInteger();
        Maildir watched = new Maildir(Clock.systemUTC(), dir -> {
            List<String> seen;
            try (var entries = Files.list(dir)) {
                seen = entries.map(p -> p.getFileName().toString()).toList();
            }
            fsyncs.incrementAndGet();
            durable.addAll(seen);
        });
        List<String> early = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(threads.submit(() -> {
                    String name = watched.deliver(box, "", "", stream("m\r\n"));
                    if (!durable.contains(name)) {
                        early.add(name);
                    }
                    return name;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        assertEquals(List.of(), early, "deliveries that returned before their link was fsynced");
        assertEquals(200, count(box.resolve("new")));
        assertTrue(fsyncs.get() <= 200, "at most one fsync of new/ per delivery: " + fsyncs.get());
    }

    @Test
    void aFailedFsyncOfNewFailsTheDelivery() {
        Maildir failing = new Maildir(Clock.systemUTC(), dir -> {
            throw new IOException("EIO on " + dir);
        });
        IOException e = assertThrows(IOException.class,
                () -> failing.deliver(home.resolve("Maildir"), "", "", stream("m\r\n")));
        assertTrue(e.getCause().getMessage().startsWith("EIO on "), e.toString());
    }

    @Test
    void aFailedReadLeavesNothingVisible() throws IOException {
        Path box = home.resolve("Maildir");
        InputStream broken = new InputStream() {
            private int left = 10;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    throw new IOException("disk gone");
                }
                left--;
                return 'x';
            }
        };
        assertThrows(IOException.class, () -> maildir.deliver(box, "", "", broken));
        assertEquals(0, count(box.resolve("new")));
        assertEquals(0, count(box.resolve("tmp")));
    }

    @Test
    void leftoversOlderThan36HoursAreSweptFromTmpAtTheFirstDeliveryAndEvery8HoursAfter() throws IOException {
        Path box = home.resolve("Maildir");
        for (String sub : List.of("tmp", "new", "cur")) {
            Files.createDirectories(box.resolve(sub));
        }
        Instant now = Instant.now();
        Path old = aged(box.resolve("tmp/1.partial.host"), now.minus(Duration.ofHours(37)));
        Path young = aged(box.resolve("tmp/2.linked.host"), now.minus(Duration.ofHours(35)));
        Path readRecently = aged(box.resolve("tmp/3.read.host"), now.minus(Duration.ofHours(40)));
        Files.setAttribute(readRecently, "lastAccessTime", FileTime.from(now.minus(Duration.ofHours(1))));
        Path directory = Files.createDirectory(box.resolve("tmp/not-a-delivery"));
        Files.setLastModifiedTime(directory, FileTime.from(now.minus(Duration.ofDays(10))));
        MovableClock clock = new MovableClock(now);
        Maildir swept = new Maildir(clock);

        swept.deliver(box, "", "", stream("x\r\n"));
        assertTrue(Files.notExists(old), "37 hours old: removed");
        assertTrue(Files.exists(young), "35 hours old: kept");
        assertTrue(Files.exists(readRecently), "read an hour ago: kept");
        assertTrue(Files.isDirectory(directory), "only regular files are a delivery's leftovers");

        aged(young, now.minus(Duration.ofHours(50)));
        clock.now = now.plus(Duration.ofHours(7));
        swept.deliver(box, "", "", stream("x\r\n"));
        assertTrue(Files.exists(young), "swept at most every 8 hours");
        clock.now = now.plus(Duration.ofHours(8));
        swept.deliver(box, "", "", stream("x\r\n"));
        assertTrue(Files.notExists(young), "8 hours on, swept again");
        assertEquals(3, count(box.resolve("new")));
    }

    @Test
    void aFolderHasItsOwnSweep() throws IOException {
        Path box = home.resolve("Maildir");
        for (String sub : List.of("tmp", "new", "cur")) {
            Files.createDirectories(box.resolve(sub));
            Files.createDirectories(box.resolve(".lists").resolve(sub));
        }
        Path old = aged(box.resolve(".lists/tmp/1.partial.host"), Instant.now().minus(Duration.ofDays(2)));
        Maildir swept = new Maildir(Clock.systemUTC());
        swept.deliver(box, "", "", stream("x\r\n"));
        assertTrue(Files.exists(old), "a delivery to the inbox sweeps the inbox's tmp/ only");
        swept.deliver(box, "lists", "", stream("x\r\n"));
        assertTrue(Files.notExists(old));
    }

    private static Path aged(Path file, Instant when) throws IOException {
        if (Files.notExists(file)) {
            Files.writeString(file, "left by a crash");
        }
        Files.setLastModifiedTime(file, FileTime.from(when));
        Files.setAttribute(file, "lastAccessTime", FileTime.from(when));
        return file;
    }

    /** A clock the test moves by hand. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static long count(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.count();
        }
    }
}
