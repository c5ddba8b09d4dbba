package org.godshell.toaster.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor's daemon logs: capped in size and number, nothing lost, no write split between files. */
class RotatingLogTest {

    @TempDir
    Path dir;

    private String read(String name) throws IOException {
        Path file = dir.resolve(name);
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    @Test
    void aFullLogMovesAsideAndTheOldestGoes() throws IOException {
        Path log = dir.resolve("smtpd.log");
        try (RotatingLog out = new RotatingLog(log, 20, 2)) {
            for (int n = 0; n < 8; n++) {
                out.write(("line " + n + " .....\n").getBytes(StandardCharsets.UTF_8));   // 13 bytes: one a file
            }
        }
        assertEquals("line 7 .....\n", read("smtpd.log"));
        assertEquals("line 6 .....\n", read("smtpd.log.1"));
        assertEquals("line 5 .....\n", read("smtpd.log.2"));
        assertFalse(Files.exists(dir.resolve("smtpd.log.3")), "two rotated files are kept, no more");
    }

    @Test
    void anExistingLogIsAppendedToAndAnOversizedWriteStillLands() throws IOException {
        Path log = dir.resolve("wiki.log");
        Files.writeString(log, "from before\n");
        try (RotatingLog out = new RotatingLog(log, 1000, 3)) {
            out.write("more\n".getBytes(StandardCharsets.UTF_8));
            out.write("x".repeat(5000).getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("from before\nmore\n", read("wiki.log.1"));
        assertEquals(5000, read("wiki.log").length(), "a write larger than the cap is written whole");
    }

    @Test
    void concurrentWritersLoseNothingAcrossRotations() throws Exception {
        Path log = dir.resolve("pop3d.log");
        try (RotatingLog out = new RotatingLog(log, 4096, 1000);
             ExecutorService writers = Executors.newFixedThreadPool(4)) {
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.submit(() -> {
                    for (int n = 0; n < 500; n++) {
                        out.write(String.format("writer %d line %03d\n", writer, n).getBytes(StandardCharsets.UTF_8));
                    }
                    return null;
                });
            }
        }
        List<String> lines = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                assertTrue(Files.size(file) <= 4096, file + " is over the cap");
                lines.addAll(Files.readAllLines(file));
            }
        }
        assertEquals(2000, lines.size());
        assertTrue(lines.stream().allMatch(line -> line.matches("writer \\d line \\d{3}")), "no line is torn");
    }

    @Test
    void aLinkWhereTheLogGoesIsNotFollowed() throws IOException {
        Path target = Files.writeString(dir.resolve("elsewhere"), "");
        Files.createSymbolicLink(dir.resolve("smtpd.log"), target);
        assertThrows(IOException.class, () -> new RotatingLog(dir.resolve("smtpd.log"), 100, 1).close());
        assertEquals("", Files.readString(target));
    }

    @Test
    void nonsenseLimitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RotatingLog(dir.resolve("a.log"), 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new RotatingLog(dir.resolve("a.log"), 10, 0));
    }
}
