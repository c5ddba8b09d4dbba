package org.godshell.toaster.backup;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Date;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.godshell.toaster.io.AtomicFile;

/**
 * Writes one archive: a temp file ({@code .NAME.tmp}, mode 0600) beside the final name, tar in gzip in the optional
 * encryption; {@link #commit} finishes it, fsyncs it, renames it into place and fsyncs the directory, so a crash
 * never leaves a truncated archive under a final name. {@link #close} without commit removes the temp file.
 */
final class ArchiveWriter implements AutoCloseable {

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final TarArchiveOutputStream tar;
    private boolean committed;

    ArchiveWriter(Path target, Encryption encryption) throws IOException {
        this.target = target;
        this.temp = temp(target);
        Files.deleteIfExists(temp);                        // left by a backup killed half-way
        this.channel = FileChannel.open(temp, java.util.Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), AtomicFile.permissions(temp.getParent(), "rw-------"));
        OutputStream file = new BufferedOutputStream(new FilterOutputStream(Channels.newOutputStream(channel)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();                                   // the channel stays open for the fsync in commit()
            }
        }, 1 << 16);
        OutputStream wrapped;
        try {
            wrapped = encryption.wrap(file);
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(temp);
            throw e;
        }
        this.tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(wrapped));
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    /** Where the archive is written before it is renamed to {@code target}. */
    static Path temp(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".tmp");
    }

    /** Adds a member with these bytes. */
    void add(String name, byte[] content) throws IOException {
        TarArchiveEntry entry = entry(name, content.length, 0600, Instant.now());
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    /**
     * Adds a member of exactly {@code size} bytes read from {@code in}, and returns their SHA-256. Should the file
     * have shrunk since its size was taken (nothing in the toaster truncates a file in place), the rest is
     * zeros and {@code shortBy} counts them; the checksum is of what the archive holds either way.
     */
    Stored add(String name, InputStream in, long size, int mode, Instant mtime) throws IOException {
        tar.putArchiveEntry(entry(name, size, mode, mtime));
        MessageDigest digest = Manifest.digest();
        OutputStream out = new DigestOutputStream(new FilterOutputStream(tar) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() {
            }
        }, digest);
        byte[] buffer = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                break;
            }
            out.write(buffer, 0, read);
            left -= read;
        }
        long shortBy = left;
        while (left > 0) {
            int zeros = (int) Math.min(buffer.length, left);
            java.util.Arrays.fill(buffer, 0, zeros, (byte) 0);
            out.write(buffer, 0, zeros);
            left -= zeros;
        }
        tar.closeArchiveEntry();
        return new Stored(Entry.hex(digest.digest()), shortBy);
    }

    /** A member's checksum, and how many bytes of it were missing from the file (0 unless it shrank). */
    record Stored(String sha256, long shortBy) {}

    private static TarArchiveEntry entry(String name, long size, int mode, Instant mtime) {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(size);
        entry.setMode(0100000 | mode);
        entry.setModTime(Date.from(mtime));
        return entry;
    }

    /** Finishes the archive and puts it under its name; refuses to replace an archive already there. */
    void commit() throws IOException {
        tar.finish();
        tar.close();
        channel.force(true);
        channel.close();
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "an archive of that name exists");
        }
        try {
            Files.move(temp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename atomically in " + target.getParent(), e);
        }
        AtomicFile.syncDirectory(target.getParent());
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            try {
                channel.close();
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }
}
