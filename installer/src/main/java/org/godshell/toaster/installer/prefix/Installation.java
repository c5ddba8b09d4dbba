package org.godshell.toaster.installer.prefix;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Moves an unpacked payload from the staging directory into the prefix.
 *
 * <p>Each file lands with one atomic rename, so a reader sees the old file or the new one, never half of one.
 * An interrupted run leaves a mix of old and new files and the staging directory; the rerun deletes the stale
 * staging directory, unpacks again and finishes the moves. {@code VERSION} moves last: it says which version
 * is complete in the prefix.
 *
 * <p>What is whose: {@code bin/}, {@code lib/}, {@code share/} and {@code wiki-content/} belong to the program
 * and are made exactly the payload's (stale jars would otherwise join the class path, and pages a version no
 * longer ships would reach the wiki); a file in {@code control/} is replaced only if it is still
 * as the last install shipped it (see {@link Manifest}): one the admin edited is kept, and the new default is
 * written beside it as {@code NAME.toaster-new}, as dpkg writes {@code .dpkg-dist}; every other file is
 * replaced by the payload's.
 */
public final class Installation {

    /**
     * Made exactly the payload's: a stale jar would join the class path, and a page a new version no longer
     * ships would otherwise stay in {@code wiki-content/}, the shipped documentation the wiki merges.
     */
    private static final Set<String> PROGRAM_DIRECTORIES = Set.of("bin", "lib", "share", "wiki-content");
    private static final String ADMIN_DIRECTORY = "control";
    private static final String VERSION = "VERSION";
    /** Beside an edited configuration file, the payload's new version of it. */
    public static final String NEW_SUFFIX = ".toaster-new";

    /** What the run changed: files written, files already as the payload has them, admin files kept. */
    public record Report(int written, int unchanged, int removed, List<String> kept) {}

    private final Path prefix;
    private final Path staging;
    private final Set<Path> delivered = new HashSet<>();
    private final List<String> kept = new ArrayList<>();
    private final Manifest manifest;
    private int written;
    private int unchanged;
    private int removed;

    private Installation(Path prefix, Path staging) throws IOException {
        this.prefix = prefix;
        this.staging = staging;
        this.manifest = Manifest.read(prefix);
    }

    /** An empty staging directory inside the prefix; a leftover of an interrupted run is deleted first. */
    public static Path freshStaging(Prefix prefix) throws IOException {
        Path staging = prefix.staging();
        deleteTree(staging);
        Files.createDirectory(staging);
        return staging;
    }

    /** Moves everything from {@code staging} into the prefix, then deletes the staging directory. */
    public static Report apply(Prefix prefix, Path staging) throws IOException {
        Installation installation = new Installation(prefix.root(), staging);
        Files.walkFileTree(staging, installation.new Mover());
        for (String program : PROGRAM_DIRECTORIES) {
            installation.removeStale(prefix.root().resolve(program));
        }
        installation.manifest.write(prefix.root());
        installation.place(staging.resolve(VERSION), prefix.root().resolve(VERSION));
        deleteTree(staging);
        return new Report(installation.written, installation.unchanged, installation.removed,
                List.copyOf(installation.kept));
    }

    /**
     * Whether the prefix already holds what {@code unpacked} (a payload unpacked elsewhere) would install: every
     * file the same, edited configuration files kept with the new default beside them, and no stale program
     * file. Reads only.
     */
    public static boolean upToDate(Prefix prefix, Path unpacked) throws IOException {
        Installation check = new Installation(prefix.root(), unpacked);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(unpacked)) {
            files = walk.filter(path -> !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)).toList();
        }
        for (Path source : files) {
            Path relative = unpacked.relativize(source);
            Path target = prefix.root().resolve(relative.toString());
            check.delivered.add(target);
            for (Path parent = target.getParent(); !parent.equals(prefix.root()); parent = parent.getParent()) {
                check.delivered.add(parent);
            }
            if (sameContent(source, target)) {
                continue;
            }
            boolean config = relative.toString().startsWith(ADMIN_DIRECTORY + "/");
            Path beside = target.resolveSibling(target.getFileName() + NEW_SUFFIX);
            if (!config || !Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                    || check.asLastShipped(relative.toString(), target) || !sameContent(source, beside)) {
                return false;
            }
        }
        for (String program : PROGRAM_DIRECTORIES) {
            Path directory = prefix.root().resolve(program);
            if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> walk = Files.walk(directory)) {
                    if (walk.anyMatch(path -> !path.equals(directory) && !check.delivered.contains(path))) {
                        return false;
                    }
                }
            }
        }
        return !Files.exists(prefix.staging(), LinkOption.NOFOLLOW_LINKS);
    }

    private final class Mover extends SimpleFileVisitor<Path> {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
            Path target = prefix.resolve(staging.relativize(dir).toString());
            if (Files.isSymbolicLink(target) || Files.exists(target) && !Files.isDirectory(target)) {
                throw new IOException(target + " is in the way: the payload has a directory there; move it aside");
            }
            if (!Files.exists(target)) {
                Files.createDirectory(target);
                Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(dir));
            }
            delivered.add(target);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
            Path relative = staging.relativize(file);
            if (relative.toString().equals(VERSION)) {
                return FileVisitResult.CONTINUE;
            }
            place(file, prefix.resolve(relative.toString()));
            return FileVisitResult.CONTINUE;
        }
    }

    private void place(Path source, Path target) throws IOException {
        delivered.add(target);
        String relative = prefix.relativize(target).toString();
        boolean config = relative.startsWith(ADMIN_DIRECTORY + "/") && Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS);
        String shipped = config ? Manifest.sha256(source) : "";
        Path beside = target.resolveSibling(target.getFileName() + NEW_SUFFIX);
        boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        if (exists && sameContent(source, target)) {
            unchanged++;
        } else if (config && exists && !asLastShipped(relative, target)) {
            Files.move(source, beside, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            kept.add(relative);
            manifest.record(relative, shipped);
            return;
        } else {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            written++;
        }
        if (config) {
            manifest.record(relative, shipped);
            Files.deleteIfExists(beside);
        }
    }

    /** The file is byte for byte what the last install delivered: the admin has not edited it. */
    private boolean asLastShipped(String relative, Path target) throws IOException {
        Optional<String> last = manifest.hash(relative);
        return last.isPresent() && Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)
                && last.get().equals(Manifest.sha256(target));
    }

    private static boolean sameContent(Path source, Path target) throws IOException {
        boolean sourceLink = Files.isSymbolicLink(source);
        if (sourceLink || Files.isSymbolicLink(target)) {
            return sourceLink && Files.isSymbolicLink(target)
                    && Files.readSymbolicLink(source).equals(Files.readSymbolicLink(target));
        }
        return Files.isRegularFile(target) && Files.mismatch(source, target) == -1L
                && Files.getPosixFilePermissions(source).equals(Files.getPosixFilePermissions(target));
    }

    /** Deletes what a program directory holds that the payload did not deliver. */
    private void removeStale(Path programDirectory) throws IOException {
        if (!Files.isDirectory(programDirectory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> stale;
        try (Stream<Path> walk = Files.walk(programDirectory)) {
            stale = walk.filter(path -> !delivered.contains(path)).sorted((a, b) -> b.compareTo(a)).toList();
        }
        for (Path path : stale) {
            Files.delete(path);
            removed++;
        }
    }

    /** Deletes a staging directory whose payload will not be installed. */
    public static void discard(Path staging) throws IOException {
        deleteTree(staging);
    }

    /** Deletes a tree without following links: a link inside is removed, never what it points to. */
    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
