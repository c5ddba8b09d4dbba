package org.godshell.toaster.queue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Finds the temp files in {@code tmp/} that no live intake can own. A temp file is named
 * {@code <pid>.<id>} after the process writing it, and is stale when:
 * <ul>
 *   <li>its name does not start with a decimal pid and a dot (nothing of ours is named so), or</li>
 *   <li>no process with that pid is alive (the writer crashed or was killed), or</li>
 *   <li>the live process with that pid started after the file was last written (the pid was reused, typically
 *       after a reboot; this includes our own pid).</li>
 * </ul>
 * Everything else may belong to a live intake in this or another process and is kept. Linux reports process
 * start times rounded down by up to a second, which errs on the side of keeping a file, never of deleting a
 * live one. Directories in {@code tmp/} are not ours and are left alone.
 */
final class StaleTemps {

    private StaleTemps() {
    }

    /** Deletes the stale temp files in {@code tmpDir}; returns how many. */
    static int remove(Path tmpDir) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tmpDir)) {
            for (Path entry : entries) {
                if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) && isStale(entry)) {
                    // Not fsynced: a deletion undone by a crash is just found stale again next time.
                    Files.deleteIfExists(entry);
                    removed++;
                }
            }
        }
        return removed;
    }

    static boolean isStale(Path temp) throws IOException {
        String name = temp.getFileName().toString();
        long pid;
        try {
            pid = Long.parseLong(name, 0, name.indexOf('.'), 10);
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return true;
        }
        Optional<ProcessHandle> writer = ProcessHandle.of(pid);
        if (writer.isEmpty() || !writer.get().isAlive()) {
            return true;
        }
        Optional<Instant> started = writer.get().info().startInstant();
        if (started.isEmpty()) {
            return false;
        }
        Instant written = Files.getLastModifiedTime(temp, LinkOption.NOFOLLOW_LINKS).toInstant();
        return started.get().isAfter(written);
    }

    /** The temp-file prefix for intakes of this process. */
    static String prefix() {
        return ProcessHandle.current().pid() + ".";
    }
}
