package org.godshell.toaster.deliver;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import org.godshell.toaster.io.AtomicFile;
import org.godshell.toaster.io.Handover;
import org.godshell.toaster.queue.QueueId;

/**
 * The queue as it was at one moment, for a backup: {@code mess/} and {@code info/} hard-linked into
 * {@code queue/snapshot.<token>/} while delivery holds still. Links are exact copies at no cost: a message file
 * is never modified and a state file is only ever replaced by a rename, so the linked names keep the contents
 * they had (queue.md, delivery.md).
 *
 * <p>Holding still: when no runner delivers from the queue, taking {@code queue/lock} for the few seconds of the
 * links keeps one from starting; when one runs, it is asked through {@link Requests} to start no attempt, and
 * the links are made once it says in {@code queue/paused} that none runs. If it does not say so within the
 * wait (a remote attempt can take minutes), the links are made anyway: a message delivered meanwhile may then be
 * delivered twice after a restore, never lost, and {@link #consistent()} is false. New mail is never refused:
 * a message committed during the links is in the snapshot or not, whole either way.
 */
public final class QueueSnapshot implements AutoCloseable {

    private static final String PREFIX = "snapshot.";
    private static final char[] TOKEN_CHARS = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;
    private final boolean consistent;
    private final FileChannel guard;

    private QueueSnapshot(Path root, boolean consistent, FileChannel guard) {
        this.root = root;
        this.consistent = consistent;
        this.guard = guard;
    }

    /** The same, by a process with the queue's own rights (tests, an unprivileged install). */
    public static QueueSnapshot take(Path queueDir, Duration wait) throws IOException {
        return take(queueDir, wait, Handover.KEEP);
    }

    /**
     * Takes a snapshot of the queue in {@code queueDir}; {@code handover} gives the requests to the runner's
     * account when this runs as root. One snapshot at a time per queue: a second one is refused while the first
     * is open.
     */
    public static QueueSnapshot take(Path queueDir, Duration wait, Handover handover) throws IOException {
        FileChannel guard = guard(queueDir, handover);
        try {
            removeStale(queueDir);
            String token = token();
            Path root = queueDir.resolve(PREFIX + token);
            boolean consistent = holdingStill(queueDir, wait, handover, token, () -> link(queueDir, root));
            return new QueueSnapshot(root, consistent, guard);
        } catch (IOException | RuntimeException e) {
            guard.close();
            throw e;
        } catch (InterruptedException e) {
            guard.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for delivery to hold still", e);
        }
    }

    /** Holds {@code mess/} and {@code info/} as they were. */
    public Path root() {
        return root;
    }

    /** False when deliveries were still running at the moment of the links (see the class comment). */
    public boolean consistent() {
        return consistent;
    }

    /** Removes the links (never the queue's own files) and lets the next snapshot be taken. */
    @Override
    public void close() throws IOException {
        try {
            remove(root);
        } finally {
            guard.close();
        }
    }

    private interface Copy {
        void run() throws IOException;
    }

    private static boolean holdingStill(Path queueDir, Duration wait, Handover handover, String token, Copy copy)
            throws IOException, InterruptedException {
        Path lockPath = queueDir.resolve("lock").toAbsolutePath().normalize();
        if (!QueueRunner.heldHere(lockPath)) {
            try (FileChannel channel = FileChannel.open(lockPath, StandardOpenOption.WRITE)) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    copy.run();
                    return true;
                }
            } catch (NoSuchFileException e) {
                copy.run();                                    // no runner ever delivered from this queue
                return true;
            }
        }
        Requests requests = Requests.open(queueDir, handover);
        requests.submit(new Requests.Request.Pause(token));
        try {
            boolean still = awaitAcknowledgement(queueDir, token, wait);
            copy.run();
            return still && DeliveryPause.acknowledged(queueDir, token);
        } finally {
            requests.submit(new Requests.Request.Resume(token));
        }
    }

    private static boolean awaitAcknowledgement(Path queueDir, String token, Duration wait)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!DeliveryPause.acknowledged(queueDir, token)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private static void link(Path queueDir, Path root) throws IOException {
        AtomicFile.createDirectory(root, "rwx------");
        for (String part : new String[] {"mess", "info"}) {
            Path from = queueDir.resolve(part);
            Path to = root.resolve(part);
            AtomicFile.createDirectory(to, "rwx------");
            if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(from)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    if (QueueId.isValid(name) && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                        linkOne(to.resolve(name), entry);
                    }
                }
            }
        }
    }

    private static void linkOne(Path link, Path existing) throws IOException {
        try {
            Files.createLink(link, existing);
        } catch (NoSuchFileException e) {
            return;                                            // delivered and removed since the listing
        }
    }

    private static FileChannel guard(Path queueDir, Handover handover) throws IOException {
        Path path = queueDir.resolve("snapshot.lock");
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createFile(path, AtomicFile.permissions(path, "rw-------"));
                handover.apply(path, path);
            } catch (FileAlreadyExistsException e) {
                // made by another backup just now: its lock decides below
            }
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        try {
            if (channel.tryLock() != null) {
                return channel;
            }
        } catch (OverlappingFileLockException e) {
            // held by this JVM: the same refusal
        }
        channel.close();
        throw new IOException("another backup is copying the queue now (" + path + " is locked)");
    }

    /** Snapshots a backup left behind when it died; safe under the guard, which no other snapshot holds. */
    private static void removeStale(Path queueDir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(queueDir, PREFIX + "*")) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (Requests.TOKEN.matcher(name.substring(PREFIX.length())).matches()
                        && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    remove(entry);
                }
            }
        }
    }

    private static void remove(Path root) throws IOException {
        for (String part : new String[] {"mess", "info"}) {
            Path dir = root.resolve(part);
            if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                    for (Path entry : entries) {
                        Files.deleteIfExists(entry);
                    }
                }
            }
            Files.deleteIfExists(dir);
        }
        Files.deleteIfExists(root);
    }

    private static String token() {
        char[] token = new char[16];
        for (int i = 0; i < token.length; i++) {
            token[i] = TOKEN_CHARS[RANDOM.nextInt(TOKEN_CHARS.length)];
        }
        return new String(token);
    }
}
