package org.godshell.toaster.installer.payload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks a distribution tar.gz into an empty staging directory, refusing anything that could land outside it.
 *
 * <p>Writes never pass through a symbolic link: every directory on the way to an entry must be a real directory
 * that this archive created. Links are created as given but must resolve inside the staging directory once the
 * whole archive is out. The gzip trailer (CRC and length) is read to the end, so a damaged or truncated payload
 * fails here, before the caller moves anything into place.
 */
public final class Unpacker {

    /** Caps that keep a damaged archive from filling the disk; the real payload is a few megabytes. */
    static final int MAX_ENTRIES = 100_000;
    static final long MAX_BYTES = 2L << 30;

    private final Path root;
    private final Set<String> seen = new HashSet<>();
    private final Map<Path, Integer> directoryModes = new HashMap<>();
    private final List<Path> links = new ArrayList<>();
    private int files;
    private long bytes;

    private Unpacker(Path root) {
        this.root = root;
    }

    /** What was unpacked: counts for the report, and the payload's version (its {@code VERSION} file). */
    public record Unpacked(String version, int files, int directories, int links, long bytes) {}

    /**
     * Unpacks {@code compressed} into {@code staging}, which must exist and be empty.
     *
     * @throws PayloadException when the archive is damaged or holds an entry that is not allowed
     */
    public static Unpacked unpack(InputStream compressed, Path staging) throws PayloadException, IOException {
        Unpacker unpacker = new Unpacker(staging.toRealPath());
        GzipCompressorInputStream gzip = damagedUnless(() -> new GzipCompressorInputStream(compressed));
        try (TarArchiveInputStream tar = new TarArchiveInputStream(gzip)) {
            TarArchiveEntry entry;
            while ((entry = damagedUnless(tar::getNextEntry)) != null) {
                unpacker.write(entry, tar);
            }
            // Tar stops at its end-of-archive blocks; reading on checks the gzip CRC and length.
            damagedUnless(() -> gzip.transferTo(OutputStream.nullOutputStream()));
        }
        return unpacker.finish();
    }

    /** A read of the payload; its failures mean the payload is damaged, unlike failures to write the copy. */
    private interface PayloadRead<T> {
        T read() throws IOException;
    }

    private static <T> T damagedUnless(PayloadRead<T> read) throws PayloadException {
        try {
            return read.read();
        } catch (IOException e) {
            throw new PayloadException("the payload is damaged (" + e.getMessage()
                    + "); download toaster-installer.jar again", e);
        }
    }

    private void write(TarArchiveEntry entry, InputStream content) throws PayloadException, IOException {
        EntryName name = EntryName.parse(entry.getName());
        if (seen.size() >= MAX_ENTRIES) {
            throw new PayloadException("the payload has more than " + MAX_ENTRIES + " entries");
        }
        if (!seen.add(name.value())) {
            throw new PayloadException("entry '" + name.value() + "' appears twice");
        }
        Path target = root.resolve(name.value());
        if (entry.isLink() || entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
            throw new PayloadException("entry '" + name.value() + "' is a "
                    + (entry.isLink() ? "hard link" : "special file") + "; the payload holds only files, "
                    + "directories and symbolic links");
        } else if (entry.isDirectory()) {
            directoryChain(target);
            directoryModes.put(target, entry.getMode() & 0777);
        } else if (entry.isSymbolicLink()) {
            directoryChain(target.getParent());
            link(name, target, entry.getLinkName());
        } else if (entry.isFile()) {
            directoryChain(target.getParent());
            file(name, target, content);
            setMode(target, entry.getMode());
        } else {
            throw new PayloadException("entry '" + name.value() + "' has an unknown type");
        }
    }

    /** Creates each missing directory down to {@code dir}; refuses to pass through a link or a file. */
    private void directoryChain(Path dir) throws PayloadException, IOException {
        Path walked = root;
        for (Path segment : root.relativize(dir)) {
            walked = walked.resolve(segment);
            if (Files.isSymbolicLink(walked)) {
                throw new PayloadException("'" + root.relativize(walked) + "' is a symbolic link and an entry "
                        + "would be written through it");
            }
            if (!Files.exists(walked, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(walked);
            } else if (!Files.isDirectory(walked, LinkOption.NOFOLLOW_LINKS)) {
                throw new PayloadException("'" + root.relativize(walked) + "' is a file and a directory at once");
            }
        }
    }

    private void file(EntryName name, Path target, InputStream content) throws PayloadException, IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new PayloadException("entry '" + name.value() + "' would replace a directory");
        }
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            int n;
            while ((n = damagedUnless(() -> content.read(buffer))) > 0) {
                bytes += n;
                if (bytes > MAX_BYTES) {
                    throw new PayloadException("the payload unpacks to more than " + (MAX_BYTES >> 30) + " GiB");
                }
                out.write(buffer, 0, n);
            }
        }
        files++;
    }

    private void link(EntryName name, Path target, String linkTarget) throws PayloadException, IOException {
        if (linkTarget == null || linkTarget.isEmpty() || linkTarget.startsWith("/")
                || linkTarget.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\')) {
            throw new PayloadException("symbolic link '" + name.value() + "' points to "
                    + EntryName.printable(String.valueOf(linkTarget)) + ", which is not a plain relative path");
        }
        if (!target.getParent().resolve(linkTarget).normalize().startsWith(root)) {
            throw new PayloadException("symbolic link '" + name.value() + "' points out of the prefix ("
                    + EntryName.printable(linkTarget) + ")");
        }
        Files.createSymbolicLink(target, Path.of(linkTarget));
        links.add(target);
    }

    private Unpacked finish() throws PayloadException, IOException {
        // Links may name entries that came later, and a chain of them can climb out even though each one
        // reads as inside; so each is checked on the real filesystem once everything is out.
        for (Path link : links) {
            Path resolved;
            try {
                resolved = link.toRealPath();
            } catch (IOException e) {
                throw new PayloadException("symbolic link '" + root.relativize(link) + "' points to nothing", e);
            }
            if (!resolved.startsWith(root)) {
                throw new PayloadException("symbolic link '" + root.relativize(link) + "' resolves out of the prefix");
            }
        }
        // Directory modes last and deepest first, so a read-only directory does not stop its own files.
        List<Path> directories = new ArrayList<>(directoryModes.keySet());
        directories.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        for (Path dir : directories) {
            setMode(dir, directoryModes.get(dir) | 0700);
        }
        return new Unpacked(readVersion(), files, directories.size(), links.size(), bytes);
    }

    private String readVersion() throws PayloadException, IOException {
        Path version = root.resolve("VERSION");
        if (!Files.isRegularFile(version, LinkOption.NOFOLLOW_LINKS) || !Files.isRegularFile(root.resolve("bin/toaster"),
                LinkOption.NOFOLLOW_LINKS)) {
            throw new PayloadException("the payload has no VERSION or bin/toaster: it is not a toaster distribution");
        }
        String text = Files.readString(version).strip();
        if (text.isEmpty() || text.length() > 64 || !text.matches("[0-9A-Za-z.+_-]+")) {
            throw new PayloadException("the payload's VERSION file is not a version: " + EntryName.printable(text));
        }
        return text;
    }

    /** Applies the permission bits of a tar mode; set-id and sticky bits are never carried over. */
    private static void setMode(Path path, int mode) throws IOException {
        Set<PosixFilePermission> permissions = new HashSet<>();
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(order[bit]);
            }
        }
        Files.setPosixFilePermissions(path, permissions);
    }
}
