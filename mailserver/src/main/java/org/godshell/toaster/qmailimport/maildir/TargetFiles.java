package org.godshell.toaster.qmailimport.maildir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.godshell.toaster.io.AtomicFile;
import org.godshell.toaster.io.Handover;

/**
 * Every write on the toaster's side of a carry: nothing is ever overwritten. A new file is written under a unique
 * name in the folder's {@code tmp/} (which Maildir readers never look at, and which the toaster's TmpSweep
 * empties of leftovers), fsynced, handed over, then hard-linked to its final name: the link fails when the name
 * exists, and a crash leaves at most a file in {@code tmp/}, never half a message under a message's name. This is
 * the toaster's own delivery sequence ({@code deliver.local.Maildir}).
 */
final class TargetFiles {

    static final String DIR_MODE = "rwx------";
    static final String FILE_MODE = "rw-------";
    private static final AtomicLong TEMPS = new AtomicLong();
    private static final Set<StandardOpenOption> CREATE = Set.of(StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);

    private final Handover handover;

    TargetFiles(Handover handover) {
        this.handover = handover;
    }

    /** Creates {@code dir} (0700, handed over) unless it is there; true when created. */
    boolean directory(Path dir) throws IOException {
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(dir + " exists and is not a directory");
            }
            return false;
        }
        try {
            AtomicFile.createDirectory(dir, DIR_MODE, handover);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw e;
            }
            return false;
        }
        return true;
    }

    /** Writes {@code content} as the new file {@code target}; false (and nothing written) when it exists. */
    boolean create(Path target, byte[] content, Path tmp) throws IOException {
        Path temp = tempIn(tmp);
        try {
            try (FileChannel out = FileChannel.open(temp, CREATE, AtomicFile.permissions(tmp, FILE_MODE))) {
                ByteBuffer bytes = ByteBuffer.wrap(content);
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            return publish(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Copies the regular file {@code source} (never through a link) to the new file {@code target}, keeping its
     * modification time, which Dovecot takes as the message's arrival date when it has no index; false when
     * {@code target} exists.
     */
    boolean copy(Path source, Path target, Path tmp, FileTime modified) throws IOException {
        Path temp = tempIn(tmp);
        try {
            try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                    FileChannel out = FileChannel.open(temp, CREATE, AtomicFile.permissions(tmp, FILE_MODE))) {
                long size = in.size();
                long done = 0;
                while (done < size) {
                    long n = in.transferTo(done, size - done, out);
                    if (n <= 0) {
                        break;                                  // shrank meanwhile: what is there is carried
                    }
                    done += n;
                }
                out.force(true);
            }
            Files.setLastModifiedTime(temp, modified);
            return publish(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Hard-links {@code source} as {@code target} and hands the file (shared with the old Maildir) over; false when
     * {@code target} exists. A link is made to the name, not through it, so should {@code source} have turned into
     * a symbolic link since it was listed, the new name is removed again and the carry refused.
     */
    boolean link(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        if (!Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isRegularFile()) {
            Files.delete(target);
            throw new IOException(source + " is no longer a regular file");
        }
        handover.apply(target, target);
        return true;
    }

    private boolean publish(Path temp, Path target) throws IOException {
        handover.apply(temp, target);
        try {
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        return true;
    }

    /** Dovecot's form of a unique Maildir name, marked as the import's, in {@code tmp}. */
    private static Path tempIn(Path tmp) {
        long now = System.currentTimeMillis();
        return tmp.resolve(now / 1000 + ".M" + (now % 1000) * 1000 + "P" + ProcessHandle.current().pid() + "Q"
                + TEMPS.incrementAndGet() + ".toaster-import");
    }
}
