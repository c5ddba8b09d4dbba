package org.godshell.toaster.installer.prefix;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A directory that holds, or is about to hold, one toaster installation.
 *
 * <p>A prefix is ours when it carries the {@value #MARKER} file, written before anything else, so that an
 * interrupted first install is recognised on the rerun. Directories of the operating system and non-empty
 * directories without the marker are refused: the installer must never scatter files into {@code /usr} or a
 * home directory because of a typo.
 */
public final class Prefix {

    /** Written first into a prefix the installer takes; its presence means "a toaster lives here". */
    public static final String MARKER = ".toaster-prefix";
    /** Where a payload is unpacked before its files are moved into place; inside the prefix, same filesystem. */
    static final String STAGING = ".install-staging";

    private static final Set<String> SYSTEM_DIRECTORIES = Set.of(
            "/", "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib32", "/lib64", "/libx32", "/media", "/mnt",
            "/opt", "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/usr/bin", "/usr/lib",
            "/usr/local", "/usr/local/bin", "/usr/sbin", "/usr/share", "/var", "/var/lib", "/var/tmp");
    private static final Set<String> PSEUDO_FILESYSTEMS = Set.of("/proc", "/sys", "/dev", "/run");

    private final Path root;

    private Prefix(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    Path staging() {
        return root.resolve(STAGING);
    }

    /**
     * Checks a {@code --prefix} value as typed. Relative values are taken from the current directory.
     *
     * @throws PrefixException with the reason and the fix when the value cannot hold a toaster
     */
    public static Prefix of(String raw) throws PrefixException {
        if (raw == null || raw.isBlank()) {
            throw new PrefixException("--prefix is empty; give a directory such as /opt/toaster");
        }
        if (raw.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new PrefixException("--prefix contains a control character; give a plain directory name");
        }
        Path path;
        try {
            path = Path.of(raw).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new PrefixException("--prefix '" + raw + "' is not a valid path: " + e.getReason(), e);
        }
        String text = path.toString();
        if (SYSTEM_DIRECTORIES.contains(text)) {
            throw new PrefixException("--prefix " + text + " is a system directory; install into a directory of "
                    + "its own, such as /opt/toaster");
        }
        for (String pseudo : PSEUDO_FILESYSTEMS) {
            if (path.startsWith(pseudo)) {
                throw new PrefixException("--prefix " + text + " is inside " + pseudo
                        + ", which is not a place for files; use /opt/toaster");
            }
        }
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw new PrefixException("--prefix " + text + " exists and is not a directory");
        }
        return new Prefix(path);
    }

    /**
     * Why {@link #claim} would fail, found without writing anything: for the preflight and dry runs.
     */
    public java.util.Optional<String> problem() throws IOException {
        if (Files.isDirectory(root) && !Files.exists(root.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> entries = Files.list(root)) {
                if (entries.findAny().isPresent()) {
                    return java.util.Optional.of("--prefix " + root + " is not empty and holds no toaster (" + MARKER
                            + " is missing); choose an empty or new directory");
                }
            }
        }
        Path existing = root;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isWritable(existing)) {
            return java.util.Optional.of("cannot write to " + existing + ": permission denied; run as root, or "
                    + "choose a directory you own with --prefix");
        }
        return java.util.Optional.empty();
    }

    /**
     * Takes the prefix for the toaster: creates it if needed, refuses a non-empty directory that is not a
     * toaster's, and writes the marker.
     */
    public void claim() throws PrefixException, IOException {
        try {
            Files.createDirectories(root);
            if (!Files.exists(root.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> entries = Files.list(root)) {
                    if (entries.findAny().isPresent()) {
                        throw new PrefixException("--prefix " + root + " is not empty and holds no toaster ("
                                + MARKER + " is missing); choose an empty or new directory");
                    }
                }
                Files.createFile(root.resolve(MARKER));
            }
            if (!Files.isWritable(root)) {
                throw new AccessDeniedException(root.toString());
            }
        } catch (AccessDeniedException e) {
            throw new PrefixException("cannot write to " + e.getFile() + ": permission denied; run as root, or "
                    + "choose a directory you own with --prefix", e);
        } catch (FileSystemException e) {
            throw new PrefixException("cannot use --prefix " + root + ": " + e.getMessage(), e);
        }
    }
}
