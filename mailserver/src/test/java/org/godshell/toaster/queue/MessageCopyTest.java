package org.godshell.toaster.queue;

import static org.godshell.toaster.queue.Fixtures.envelope;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Intake#copy()}: a private, read-only copy of the message so far, gone when closed or after a crash. */
class MessageCopyTest {

    @TempDir
    Path root;

    @Test
    void theCopyIsTheMessageSoFarReadOnlyAndCloseDeletesIt() throws IOException {
        byte[] body = Fixtures.body(7);
        try (Queue queue = Queue.open(root); Intake intake = queue.begin(envelope("a@example.org"))) {
            intake.body().write(body);
            MessageCopy copy = intake.copy();
            assertEquals(root.resolve("tmp"), copy.path().getParent());
            assertTrue(copy.path().getFileName().toString().endsWith(".copy"), copy.toString());
            assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy.path())));
            assertArrayEquals(body, Files.readAllBytes(copy.path()));
            assertEquals(body.length, copy.size());
            copy.close();
            assertFalse(Files.exists(copy.path()));
            copy.close();
            intake.body().write("more\r\n".getBytes(StandardCharsets.US_ASCII));
            try (MessageCopy again = intake.copy()) {
                assertEquals(body.length + 6, again.size(), "a later copy has what was written since");
            }
            intake.commit();
            assertThrows(IOException.class, intake::copy, "no copy of a message that is no longer being received");
        }
        assertEquals(List.of(), temps());
    }

    @Test
    void aCopyLeftByADeadProcessIsStaleAndRemovedWhenTheQueueOpens() throws Exception {
        try (Queue queue = Queue.open(root); Intake intake = queue.begin(envelope("a@example.org"))) {
            MessageCopy live = intake.copy();
            assertFalse(StaleTemps.isStale(live.path()), "this process's copy is kept");
            live.close();
        }
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(root.resolve("tmp").resolve(gone.pid() + ".1m8bz91g7000928r.copy"), "left by a crash");
        Queue.open(root).close();
        assertEquals(List.of(), temps());
    }

    private List<Path> temps() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("tmp"))) {
            return files.toList();
        }
    }
}
