package org.godshell.toaster.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code --keep N}: deletes the oldest archives of a directory so that N backup points remain, never one a kept
 * archive depends on. Works from the names alone (an encrypted archive cannot be read without the secret key):
 * in a directory an increment is always made on the archive just before it ({@link Backup} starts a full one
 * whenever the last archive there is not the one its state names), so a kept increment keeps every archive back
 * to the full one before it. Files that are not archives by name are never touched.
 */
public final class Pruner {

    private Pruner() {
    }

    /** Deletes what {@link #plan} names; returns the deleted file names. */
    public static List<String> prune(Path dir, int keep) throws IOException {
        List<String> deleted = new ArrayList<>();
        for (Path archive : plan(dir, keep)) {
            if (Files.deleteIfExists(archive)) {
                deleted.add(archive.getFileName().toString());
            }
        }
        return deleted;
    }

    /** The archives of {@code dir} that {@code --keep keep} would delete, oldest first. */
    public static List<Path> plan(Path dir, int keep) throws IOException {
        if (keep < 1) {
            throw new IllegalArgumentException("--keep must be at least 1");
        }
        List<ArchiveName> archives = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (ArchiveName.isArchive(name) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    archives.add(ArchiveName.parse(name));
                }
            }
        }
        archives.sort(ArchiveName.OLDEST_FIRST);
        Set<ArchiveName> kept = new HashSet<>();
        for (int i = Math.max(0, archives.size() - keep); i < archives.size(); i++) {
            for (int j = i; j >= 0; j--) {
                kept.add(archives.get(j));
                if (archives.get(j).full()) {
                    break;
                }
            }
        }
        return archives.stream().filter(name -> !kept.contains(name)).map(name -> dir.resolve(name.toString())).toList();
    }
}
