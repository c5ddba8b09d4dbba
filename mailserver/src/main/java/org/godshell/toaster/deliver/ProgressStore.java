package org.godshell.toaster.deliver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.godshell.toaster.io.AtomicFile;
import org.godshell.toaster.queue.QueueId;
import org.godshell.toaster.queue.QueuedMessage;

/**
 * The delivery state files, {@code queue/info/<id>}, owned by the delivery side (queue.md): written by atomic
 * replacement, read at start-up and by {@code toaster queue}. A message delivered completely at its first
 * attempt never gets one.
 *
 * <p>Losing a state file can only repeat work: the message's recipients are all pending again, so a crash or
 * a corrupt file gives duplicates, never a loss. That is why writes replace the file atomically and fsync its
 * data, but do not fsync the directory.
 */
public final class ProgressStore {

    /** A state file is a few lines per recipient; anything near this is not ours. */
    private static final long MAX_SIZE = 8L << 20;

    private final Path dir;

    private ProgressStore(Path dir) {
        this.dir = dir;
    }

    /** The store in {@code queue/info/}, created (mode 0700) if missing. */
    public static ProgressStore open(Path queueDir) throws IOException {
        Path dir = queueDir.resolve("info");
        if (!Files.isDirectory(dir)) {
            AtomicFile.createDirectory(dir, "rwx------");
        }
        return new ProgressStore(dir);
    }

    /** The result of reading a state file: the state, and a problem to log when the file was unusable. */
    public record Loaded(Progress progress, Optional<String> problem) {
    }

    /**
     * The state of {@code message}: its file's, or a fresh one (every recipient pending, due {@code now}) when
     * there is none or it is unreadable — the problem is then reported, and the recipients are delivered again.
     */
    public Loaded load(QueuedMessage message, Instant now) throws IOException {
        Path file = file(message.id());
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_SIZE) {
                return fresh(message, now, file + ": larger than " + MAX_SIZE + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Loaded(Progress.fresh(message.envelope().recipients(), now), Optional.empty());
        }
        try {
            return new Loaded(ProgressCodec.decode(bytes, message.envelope().recipients()), Optional.empty());
        } catch (IllegalArgumentException e) {
            return fresh(message, now, file + ": " + e.getMessage());
        }
    }

    private static Loaded fresh(QueuedMessage message, Instant now, String why) {
        return new Loaded(Progress.fresh(message.envelope().recipients(), now),
                Optional.of("unusable delivery state " + why + "; every recipient will be tried again"));
    }

    /** Replaces the state of message {@code id}. */
    public void save(QueueId id, Progress progress) throws IOException {
        AtomicFile.write(file(id), ProgressCodec.encode(progress), "rw-------", false);
    }

    /** Deletes the state of a message that left the queue; a missing file is fine. */
    public void delete(QueueId id) throws IOException {
        Files.deleteIfExists(file(id));
    }

    /**
     * Deletes state files whose message is gone (a crash between removing the message and its state) and
     * temp files of replacements a crash interrupted: garbage, by the rules of queue.md.
     */
    public void removeOrphans(Set<QueueId> queued) throws IOException {
        try (var entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                boolean orphan = QueueId.isValid(name) && !queued.contains(new QueueId(name));
                if (orphan || name.startsWith(".") && name.endsWith(".tmp")) {
                    Files.deleteIfExists(entry);
                }
            }
        }
    }

    private Path file(QueueId id) {
        return dir.resolve(id.value());
    }
}
