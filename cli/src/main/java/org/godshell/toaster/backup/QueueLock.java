package org.godshell.toaster.backup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.godshell.toaster.io.AtomicFile;
import org.godshell.toaster.layout.Owners;

/**
 * {@code queue/lock} held for the whole restore: the delivery runner holds it for its life (delivery.md), so
 * taking it proves no {@code toaster smtpd} runs on this prefix, and keeps one from starting meanwhile.
 */
final class QueueLock implements AutoCloseable {

    /** The services run: a restore would pull the queue and the mailboxes from under them. */
    static final class ServicesRunning extends IOException {
        private static final long serialVersionUID = 1L;

        ServicesRunning(String message) {
            super(message);
        }
    }

    private final FileChannel channel;
    private final FileLock lock;

    private QueueLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of the queue in {@code prefix}. What it has to create (the queue of an install whose smtpd
     * never ran) is given to the queue's owner at once: a lock file left to root would keep smtpd from starting.
     */
    static QueueLock take(Path prefix) throws IOException {
        Owners owners = Owners.of(prefix);
        Path queue = prefix.resolve("queue");
        if (!Files.isDirectory(queue)) {
            AtomicFile.createDirectory(queue, "rwx------", owners::handOver);
        }
        Path lockFile = queue.resolve("lock");
        try {
            Files.createFile(lockFile, AtomicFile.permissions(queue, "rw-------"));
            owners.adopt(lockFile);
        } catch (FileAlreadyExistsException e) {
            // the runner's, or an earlier restore's: only its lock matters
        }
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new ServicesRunning("the toaster's smtpd runs on " + prefix + " (it holds queue/lock): stop the "
                    + "services first: systemctl stop toaster-smtpd toaster-pop3d toaster-wiki (or: toaster stop)");
        }
        return new QueueLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
