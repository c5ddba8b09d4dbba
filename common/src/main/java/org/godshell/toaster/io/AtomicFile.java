package org.godshell.toaster.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * File writes a concurrent reader can never see half done: write a temp file in the same directory, fsync it,
 * rename it over the target (atomic on POSIX), fsync the directory so the rename survives a crash. A reader
 * opens either the old file or the new one.
 */
public final class AtomicFile {

    private AtomicFile() {
    }

    /** Writes {@code text} to {@code target} atomically with the given POSIX mode (ignored where there is none). */
    public static void write(Path target, String text, String mode) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8), mode, true, Handover.KEEP);
    }

    /** {@link #write(Path, String, String)}, the file handed over before it replaces {@code target}. */
    public static void write(Path target, String text, String mode, Handover handover) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8), mode, true, handover);
    }

    /** {@link #write(Path, byte[], String, boolean, Handover)} keeping the writer as the owner. */
    public static void write(Path target, byte[] content, String mode, boolean durable) throws IOException {
        write(target, content, mode, durable, Handover.KEEP);
    }

    /**
     * Writes {@code content} to {@code target} atomically with exactly the given POSIX mode, whatever the umask,
     * handed over ({@link Handover}) before the rename. With {@code durable} false the directory is not fsynced:
     * after a crash the reader finds the old file or the new one, never a mix, but possibly the old one — for
     * state whose loss only repeats work (a redelivery), not for data.
     */
    public static void write(Path target, byte[] content, String mode, boolean durable, Handover handover)
            throws IOException {
        write(target, content, mode, true, durable, handover);
    }

    /**
     * Writes {@code content} to {@code target} atomically, fsyncing nothing: a reader running meanwhile sees the
     * old file or the new one, but after a crash the file may be empty or cut short. Only for a cache whose
     * reader checks it whole (a checksum) and whose loss only repeats work; fsyncing megabytes of it would cost
     * more than the work it saves.
     */
    public static void writeCache(Path target, byte[] content, String mode) throws IOException {
        write(target, content, mode, false, false, Handover.KEEP);
    }

    private static void write(Path target, byte[] content, String mode, boolean syncFile, boolean syncDirectory,
                              Handover handover) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp", permissions(dir, mode));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(content);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                if (syncFile) {
                    channel.force(true);
                }
            }
            exactMode(temp, mode);
            handover.apply(temp, target);
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot rename atomically in " + dir + ": " + e.getMessage(), e);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        if (syncDirectory) {
            syncDirectory(dir);
        }
    }

    /** The temporary files {@link #write} and {@link #symlink} make: {@code .NAME.DIGITS.tmp}. */
    private static final Pattern TEMP = Pattern.compile("\\..+\\.[0-9]+\\.tmp");

    /**
     * Removes the temporary files a write killed half-way left in {@code dir} (SIGKILL, a power cut: the
     * {@code finally} never ran). Only for a directory nobody writes to at the same time, such as an installer
     * resuming its own interrupted run; returns how many were removed.
     */
    public static int removeLeftovers(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                if (TEMP.matcher(file.getFileName().toString()).matches()
                        && !Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                    removed += Files.deleteIfExists(file) ? 1 : 0;
                }
            }
        }
        return removed;
    }

    /**
     * Points the symbolic link {@code link} at {@code target} in one step: a new link beside it renamed over it, the
     * directory fsynced. A reader following {@code link} reaches the old target or the new one, never nothing.
     */
    public static void symlink(Path link, Path target) throws IOException {
        Path dir = link.toAbsolutePath().getParent();
        Path temp = dir.resolve("." + link.getFileName() + "." + ProcessHandle.current().pid() + "."
                + System.nanoTime() + ".tmp");
        Files.createSymbolicLink(temp, target);
        try {
            Files.move(temp, link, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(dir);
    }

    /** Makes a directory's entries (a rename, a new file) durable; a no-op where directories cannot be opened. */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (UnsupportedOperationException | java.nio.file.AccessDeniedException e) {
            // Not every platform lets a directory be opened; the rename itself is still atomic there.
            return;
        }
    }

    /** Creates a directory (and missing parents) with the given POSIX mode for the last one. */
    public static void createDirectory(Path dir, String mode) throws IOException {
        createDirectory(dir, mode, Handover.KEEP);
    }

    /** Creates a directory (and missing parents) with exactly the given POSIX mode for the last one, handed over. */
    public static void createDirectory(Path dir, String mode, Handover handover) throws IOException {
        Files.createDirectories(dir.getParent());
        Files.createDirectory(dir, permissions(dir.getParent(), mode));
        exactMode(dir, mode);
        handover.apply(dir, dir);
    }

    /** The mode itself, not what the umask left of it: a root shell's 077 must not hide rcpthosts from the daemons. */
    private static void exactMode(Path path, String mode) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        }
    }

    /** The mode as a creation attribute, or none on file systems without POSIX permissions. */
    public static FileAttribute<?>[] permissions(Path dir, String mode) {
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        Set<PosixFilePermission> perms = PosixFilePermissions.fromString(mode);
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(perms)};
    }
}
