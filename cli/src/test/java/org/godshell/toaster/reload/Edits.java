package org.godshell.toaster.reload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Edits of an installation's files made the way an admin makes them: a whole new file renamed over the old one
 * (what editors and {@code toaster} commands do, so a daemon never reads half a file), or a deletion. Each path is
 * remembered as it was before its first edit and put back, the same way, by {@link #close}, so that every scenario
 * starts from the same installation whatever ran before it.
 */
public final class Edits implements AutoCloseable {

    /** A file's bytes and mode before the first edit; null bytes: it did not exist. */
    private record Before(byte[] bytes, Set<PosixFilePermission> mode) {
    }

    private final Path prefix;
    private final Map<Path, Before> before = new LinkedHashMap<>();

    public Edits(Path prefix) {
        this.prefix = prefix;
    }

    /** Replaces (or creates) {@code path}, relative to the prefix, with {@code text}, mode 0644. */
    public void write(String path, String text) throws IOException {
        write(path, text, "rw-r--r--");
    }

    /** As {@link #write(String, String)} with the given mode, set before the file appears under its name. */
    void write(String path, String text, String mode) throws IOException {
        Path file = remember(path);
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling("." + file.getFileName() + ".edit");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(mode));
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Adds a line at the end of {@code path} (a new file with the old lines and this one). */
    void append(String path, String line) throws IOException {
        Path file = prefix.resolve(path);
        String old = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        write(path, old + (old.isEmpty() || old.endsWith("\n") ? "" : "\n") + line + "\n");
    }

    void delete(String path) throws IOException {
        Files.deleteIfExists(remember(path));
    }

    /**
     * Notes {@code path} (a file, or a directory that does not exist yet, such as one a command will create) as it
     * is now, to be put back by {@link #close}; also the first missing directory above it, which a write creates.
     */
    Path remember(String path) throws IOException {
        Path file = prefix.resolve(path);
        for (Path dir = file.getParent(); !dir.equals(prefix); dir = dir.getParent()) {
            if (!Files.exists(dir) && Files.exists(dir.getParent())) {
                before.putIfAbsent(dir, new Before(null, Set.of()));
            }
        }
        if (!before.containsKey(file)) {
            before.put(file, Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    ? new Before(Files.readAllBytes(file), Files.getPosixFilePermissions(file))
                    : new Before(null, Set.of()));
        }
        return file;
    }

    /** Puts every remembered path back as it was, the last edited first. */
    @Override
    public void close() throws IOException {
        List<Map.Entry<Path, Before>> entries = new ArrayList<>(before.entrySet());
        for (int i = entries.size() - 1; i >= 0; i--) {
            Path file = entries.get(i).getKey();
            Before was = entries.get(i).getValue();
            if (was.bytes() == null) {
                deleteTree(file);
            } else {
                Path temp = file.resolveSibling("." + file.getFileName() + ".edit");
                Files.write(temp, was.bytes());
                Files.setPosixFilePermissions(temp, was.mode());
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        before.clear();
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(path)) {
            for (Path each : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }
}
