package org.godshell.toaster.pop3;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.godshell.toaster.io.AtomicFile;

/**
 * One POP3 session's hold on a Maildir, so that a second session gets {@code -ERR [IN-USE]} (RFC 2449 §8.1.2)
 * instead of a second listing whose deletions would fight the first's.
 *
 * <p>Two guards: a POSIX record lock ({@code fcntl}, what {@link FileChannel#tryLock()} takes on Linux) on
 * {@value #FILE} inside the Maildir, which keeps out other processes and vanishes when the holder dies, however
 * it dies; and a set of held Maildirs in this process, checked first. The set is needed because POSIX locks
 * belong to the process: a second session of the same server that merely opened and closed the lock file would
 * drop the first session's lock. The lock file is left in place: deleting it would let two processes lock two
 * different files of the same name.
 */
final class MaildirLock implements AutoCloseable {

    /** Inside the Maildir; Maildir readers (Dovecot included) look only at tmp/, new/, cur/ and dot-folders. */
    static final String FILE = "toaster-pop3.lock";

    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path maildir;
    private final FileChannel channel;

    private MaildirLock(Path maildir, FileChannel channel) {
        this.maildir = maildir;
        this.channel = channel;
    }

    /** The lock on {@code maildir} (a real, absolute path), or empty when another session holds it. */
    static Optional<MaildirLock> tryAcquire(Path maildir) throws IOException {
        if (!HELD.add(maildir)) {
            return Optional.empty();
        }
        FileChannel channel = null;
        try {
            // Mode 0600 like everything in a mailbox, whatever the umask of whoever runs pop3d (the doctor checks).
            channel = FileChannel.open(maildir.resolve(FILE), Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), AtomicFile.permissions(maildir, "rw-------"));
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                HELD.remove(maildir);
                return Optional.empty();
            }
            return Optional.of(new MaildirLock(maildir, channel));
        } catch (OverlappingFileLockException e) {
            channel.close();                                            // held by this JVM outside this class
            HELD.remove(maildir);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            HELD.remove(maildir);
            throw e;
        }
    }

    /** Releases the lock: closing the channel drops the record lock; then other sessions of this process may. */
    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            HELD.remove(maildir);
        }
    }
}
