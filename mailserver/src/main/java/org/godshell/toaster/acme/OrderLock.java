package org.godshell.toaster.acme;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.godshell.toaster.io.AtomicFile;
import org.godshell.toaster.io.Handover;

/**
 * One order at a time per install: {@code toaster cert renew} by hand and the daemon's daily check must not both
 * order, nor both rewrite the state file. An advisory lock on {@code control/acme/lock}, released when closed
 * (or when the process dies: the kernel drops it).
 */
final class OrderLock implements AutoCloseable {

    private final FileChannel channel;

    private OrderLock(FileChannel channel) {
        this.channel = channel;
    }

    static OrderLock take(AcmeFiles files, Handover handover) throws AcmeException {
        Path file = files.dir().resolve("lock");
        try {
            if (!Files.isDirectory(files.dir())) {
                AtomicFile.createDirectory(files.dir(), AcmeFiles.DIRECTORY_MODE, handover);
            }
            boolean fresh = !Files.exists(file);
            FileChannel channel = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE), AtomicFile.permissions(files.dir(), AcmeFiles.MODE));
            if (fresh) {
                handover.apply(file, file);
            }
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw AcmeException.local("another toaster command or daemon is getting a certificate now (" + file
                        + " is locked); try again in a few minutes");
            }
            return new OrderLock(channel);
        } catch (IOException e) {
            throw AcmeException.local("cannot lock " + file + ": " + e.getMessage());
        }
    }

    @Override
    public void close() throws AcmeException {
        try {
            channel.close();
        } catch (IOException e) {
            throw AcmeException.local("cannot release the ACME lock: " + e.getMessage());
        }
    }
}
