package org.godshell.toaster.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real writer process with SIGKILL in the middle of its commits, then checks the queue: every id it
 * reported is present and byte-for-byte right, nothing in the queue is partial, and no temp file survives open().
 * (Power loss is the same argument one level down: it is what the fsyncs are for, and cannot be tested here.)
 */
class QueueCrashTest {

    private static final int REPORTED_BEFORE_KILL = 150;

    @TempDir
    Path root;

    @Test
    @Timeout(120)
    void everyReportedMessageSurvivesSigkill() throws Exception {
        Path dir = root.resolve("queue");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), dir.toString())
                .redirectError(root.resolve("stderr").toFile())
                .start();
        Map<QueueId, Integer> reported = new LinkedHashMap<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(writer.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = out.readLine()) != null) {
                String[] parts = line.split(" ");
                reported.put(new QueueId(parts[0]), Integer.parseInt(parts[1]));
                if (reported.size() == REPORTED_BEFORE_KILL) {
                    // SIGKILL through the handle: Process.destroyForcibly would also close our end of the
                    // pipe, losing ids the writer printed just before it died.
                    writer.toHandle().destroyForcibly();
                }
            }
        } finally {
            writer.destroyForcibly();
            writer.waitFor();
        }
        assertTrue(reported.size() >= REPORTED_BEFORE_KILL,
                "the writer died early: " + Files.readString(root.resolve("stderr")));

        try (Queue queue = Queue.open(dir)) {
            try (Stream<Path> temps = Files.list(dir.resolve("tmp"))) {
                assertEquals(List.of(), temps.toList(), "temp files of the killed writer are removed");
            }
            List<QueueId> listed = queue.list();
            assertTrue(listed.containsAll(reported.keySet()), "a reported message was lost");
            for (QueueId id : listed) {
                QueuedMessage message = queue.read(id);
                String recipient = message.envelope().recipients().getFirst();
                int n = Integer.parseInt(recipient.substring(1, recipient.indexOf('@')));
                if (reported.containsKey(id)) {
                    assertEquals(reported.get(id), n, id.value());
                }
                // Committed but killed before printing is fine (a duplicate, never a loss); partial is not.
                assertArrayEquals(Fixtures.expected(n), Fixtures.readAll(message), "message " + n + " as " + id);
            }
        }
    }
}
