package org.godshell.toaster.installer.step;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.godshell.toaster.io.AtomicFile;

/**
 * {@code PREFIX/.toaster-journal}: one line per event of the current run, {@code start NAME} before a step
 * changes anything, {@code done NAME} after, {@code complete} at the end; each line is forced to disk before the
 * step goes on.
 *
 * <p>A run that finds a journal without {@code complete} knows the previous run was interrupted: it says so, and
 * a step that was started but not done is applied again even if its own check finds its state, because the
 * check cannot see half of a step (a domain added whose mailbox is missing). A complete journal is started over.
 * Steps that run at the same time ({@link Concurrently}) share it: each event is one whole line.
 */
public final class Journal implements AutoCloseable {

    public static final String FILE = ".toaster-journal";

    private final FileChannel channel;
    private final Set<String> interrupted;
    private final boolean resumed;

    private Journal(FileChannel channel, Set<String> interrupted, boolean resumed) {
        this.channel = channel;
        this.interrupted = interrupted;
        this.resumed = resumed;
    }

    /** Opens the journal of {@code prefix}, keeping it when the last run did not complete. */
    public static Journal open(Path prefix) throws IOException {
        Path file = prefix.resolve(FILE);
        List<String> lines = Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        boolean resumed = !lines.isEmpty() && !lines.getLast().equals("complete");
        Set<String> started = new HashSet<>();
        if (resumed) {
            for (String line : lines) {
                if (line.startsWith("start ")) {
                    started.add(line.substring(6));
                } else if (line.startsWith("done ")) {
                    started.remove(line.substring(5));
                }
            }
        }
        if (resumed) {
            // A step killed in the middle of a write leaves its temporary file; the step is run again, so the
            // file is only litter. Nothing else writes these directories while the installer runs.
            for (Path dir : List.of(prefix, prefix.resolve("control"), prefix.resolve("wiki"))) {
                AtomicFile.removeLeftovers(dir);
            }
        }
        FileChannel channel = resumed
                ? FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS)
                : FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);
        return new Journal(channel, started, resumed);
    }

    /**
     * A journal that records nothing, for runs that delete the prefix it would live in (uninstall): their steps
     * are idempotent, so an interrupted uninstall is simply run again.
     */
    public static Journal none() {
        return new Journal(null, new HashSet<>(), false);
    }

    /** Whether the previous run stopped before the end. */
    public boolean resumed() {
        return resumed;
    }

    /** Whether the previous run started this step and did not finish it. */
    public synchronized boolean interrupted(String step) {
        return interrupted.contains(step);
    }

    public synchronized void started(String step) throws IOException {
        append("start " + step);
    }

    public synchronized void done(String step) throws IOException {
        append("done " + step);
        interrupted.remove(step);
    }

    public synchronized void complete() throws IOException {
        append("complete");
    }

    private void append(String line) throws IOException {
        if (channel == null) {
            return;
        }
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
