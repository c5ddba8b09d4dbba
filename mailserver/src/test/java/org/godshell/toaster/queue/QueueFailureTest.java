package org.godshell.toaster.queue;

import static org.godshell.toaster.queue.Fixtures.commit;
import static org.godshell.toaster.queue.Fixtures.envelope;
import static org.godshell.toaster.queue.Fixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Aborts, I/O failures and leftovers of crashes: none may leave a visible partial message. */
class QueueFailureTest {

    @TempDir
    Path root;

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private List<String> temps() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("tmp"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void closeWithoutCommitAbortsAndIsIdempotent() throws IOException {
        try (Queue queue = Queue.open(root)) {
            Intake intake = queue.begin(envelope("r@example.org"));
            intake.body().write(Fixtures.body(1));
            assertEquals(1, temps().size());
            intake.close();
            intake.close();
            assertEquals(List.of(), temps());
            assertEquals(List.of(), queue.list());
            assertThrows(IOException.class, intake::commit);
            assertThrows(IOException.class, () -> intake.body().write(1));
        }
    }

    @Test
    void aWriteFailingMidBodyLeavesNothing() throws IOException {
        try (Queue queue = Queue.open(root)) {
            Intake intake = queue.begin(envelope("r@example.org"));
            intake.body().write(new byte[100_000]);
            // An interrupt closes a FileChannel under the next write: a real I/O failure, no test hook needed.
            Thread.currentThread().interrupt();
            assertThrows(ClosedByInterruptException.class, () -> intake.body().write(new byte[100_000]));
            assertTrue(Thread.interrupted());
            IOException e = assertThrows(IOException.class, intake::commit);
            assertTrue(e.getMessage().contains("earlier write failed"), e.getMessage());
            intake.close();
            assertEquals(List.of(), temps());
            assertEquals(List.of(), queue.list());
        }
    }

    @Test
    void aCommitFailingAtFsyncRemovesTheTempAndPublishesNothing() throws IOException {
        try (Queue queue = Queue.open(root)) {
            Intake intake = queue.begin(envelope("r@example.org"));
            intake.body().write(Fixtures.body(2));
            Thread.currentThread().interrupt();
            assertThrows(ClosedByInterruptException.class, intake::commit);
            assertTrue(Thread.interrupted());
            assertEquals(List.of(), temps(), "commit failure removes the temp file itself");
            intake.close();
            assertEquals(List.of(), queue.list());
            assertThrows(IOException.class, () -> intake.body().write(1));
        }
    }

    @Test
    void aCommitWithEditsFailingRemovesTheTempAndPublishesNothing() throws IOException {
        try (Queue queue = Queue.open(root)) {
            Intake intake = queue.begin(envelope("r@example.org"));
            intake.body().write(Fixtures.body(5));
            Thread.currentThread().interrupt();
            // The header block is read back first: the interrupt closes the channel under that read.
            assertThrows(ClosedByInterruptException.class, () -> intake.commit(Fixtures.edits(5)));
            assertTrue(Thread.interrupted());
            assertEquals(List.of(), temps());
            assertEquals(List.of(), queue.list());
            assertThrows(IOException.class, intake::received);
            intake.close();
        }
    }

    @Test
    void nothingIsReadBackAfterAFailedWrite() throws IOException {
        try (Queue queue = Queue.open(root)) {
            Intake intake = queue.begin(envelope("r@example.org"));
            intake.body().write(new byte[100_000]);
            Thread.currentThread().interrupt();
            assertThrows(ClosedByInterruptException.class, () -> intake.body().write(new byte[100_000]));
            assertTrue(Thread.interrupted());
            IOException e = assertThrows(IOException.class, intake::received);
            assertTrue(e.getMessage().contains("earlier write failed"), e.getMessage());
            intake.close();
            assertEquals(List.of(), temps());
        }
    }

    @Test
    void aQueueClosedUnderAnIntakeRefusesItsCommit() throws IOException {
        Queue queue = Queue.open(root);
        Intake intake = queue.begin(envelope("r@example.org"));
        intake.body().write(1);
        queue.close();
        assertThrows(IOException.class, intake::commit);
        assertThrows(IOException.class, () -> queue.begin(envelope("r@example.org")));
        assertEquals(List.of(), temps());
        try (Queue reopened = Queue.open(root)) {
            assertEquals(List.of(), reopened.list());
        }
    }

    @Test
    void reopenRemovesTempsOfDeadWritersAndKeepsCommittedMail() throws Exception {
        QueueId kept;
        try (Queue queue = Queue.open(root)) {
            kept = commit(queue, envelope("kept@example.org"), Fixtures.body(3));
        }
        // A live intake of this process: must survive another open of the same queue.
        Queue live = Queue.open(root);
        Intake inFlight = live.begin(envelope("live@example.org"));
        inFlight.body().write(Fixtures.body(4));
        long deadPid = deadPid();
        Path tmp = root.resolve("tmp");
        // A crash mid-DATA: the writer is gone, its half message remains.
        Files.write(tmp.resolve(deadPid + "." + QueueId.next()), "V1\nFhalf".getBytes());
        // A crash between link and unlink: the temp name is a second link to a committed message.
        Files.createLink(tmp.resolve(deadPid + "." + kept), root.resolve("mess").resolve(kept.value()));
        // Not our naming at all.
        Files.writeString(tmp.resolve("junk"), "x");
        // Our own pid but written before this JVM started: a previous boot whose writer had the same pid.
        Path ownOld = tmp.resolve(ProcessHandle.current().pid() + "." + QueueId.next());
        Files.writeString(ownOld, "x");
        Instant started = ProcessHandle.current().info().startInstant().orElseThrow();
        Files.setLastModifiedTime(ownOld, FileTime.from(started.minus(Duration.ofHours(1))));
        List<String> before = temps();
        assertEquals(5, before.size(), before.toString());

        try (Queue queue = Queue.open(root)) {
            assertEquals(1, temps().size(), temps().toString());
            assertEquals(List.of(kept), queue.list());
            assertArrayEquals(Fixtures.body(3), readAll(queue.read(kept)));
            QueueId liveId = inFlight.commit();
            assertEquals(List.of(kept, liveId), queue.list());
            assertArrayEquals(Fixtures.body(4), readAll(queue.read(liveId)));
        } finally {
            inFlight.close();
            live.close();
        }
        assertEquals(List.of(), temps());
    }

    @Test
    void staleRuleKeepsOwnFreshTempsOnly() throws Exception {
        Path tmp = Files.createDirectories(root.resolve("tmp"));
        Path fresh = Files.writeString(tmp.resolve(ProcessHandle.current().pid() + ".x"), "x");
        assertFalse(StaleTemps.isStale(fresh));
        assertTrue(StaleTemps.isStale(Files.writeString(tmp.resolve(deadPid() + ".x"), "x")));
        assertTrue(StaleTemps.isStale(Files.writeString(tmp.resolve(".x"), "x")));
        assertTrue(StaleTemps.isStale(Files.writeString(tmp.resolve("12x.y"), "x")));
    }

    @Test
    void anEnvelopeThatCannotRoundTripIsRefusedBeforeAnyFileExists() throws IOException {
        try (Queue queue = Queue.open(root)) {
            Envelope bad = envelope("broken\uDC00@example.org");
            assertThrows(IllegalArgumentException.class, () -> queue.begin(bad));
            assertEquals(List.of(), temps());
        }
    }

    /** The pid of a process that has exited (pids are not reused this fast). */
    private static long deadPid() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }
}
