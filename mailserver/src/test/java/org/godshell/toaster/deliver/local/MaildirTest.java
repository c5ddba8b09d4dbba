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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
            List<Future<String>> futures = new java.util.ArrayList<>();
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

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static long count(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.count();
        }
    }
}
