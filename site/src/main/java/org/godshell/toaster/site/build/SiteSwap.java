package org.godshell.toaster.site.build;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Publishing a site atomically. {@code out} is a symlink to {@code out.builds/<n>-<commit>}; a build writes a new
 * directory beside the old ones, fsyncs it, makes a temporary symlink to it and renames that over {@code out}
 * (rename(2) replaces a symlink atomically). A reader that resolves {@code out} gets one whole site; a file it has
 * open stays readable. The previous build is kept one more round (a reader may be in the middle of it), older
 * ones are deleted.
 *
 * <p>States: before the rename, {@code out} is the old site and a new directory is complete beside it; after
 * it, {@code out} is the new site. A crash in between leaves an unreferenced directory, removed by the next build.
 */
final class SiteSwap {

    private final Path out;
    private final Path builds;

    SiteSwap(Path out) throws IOException {
        this.out = out.toAbsolutePath().normalize();
        this.builds = this.out.resolveSibling(this.out.getFileName() + ".builds");
        if (Files.exists(this.out, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(this.out)) {
            if (!Files.isDirectory(this.out) || !isEmpty(this.out)) {
                throw new IOException(this.out + " exists and is not a symlink made by a wiki build; remove it or "
                        + "give another --out (the site is published as a symlink to " + builds + "/...)");
            }
            Files.delete(this.out);
        }
    }

    /** The directory the symlink names now, if any. */
    Optional<Path> current() throws IOException {
        if (!Files.isSymbolicLink(out)) {
            return Optional.empty();
        }
        Path target = out.resolveSibling(Files.readSymbolicLink(out)).normalize();
        return Files.isDirectory(target) ? Optional.of(target) : Optional.empty();
    }

    /** Writes the files into a new build directory, swaps the symlink to it, and removes stale builds. */
    Path publish(Map<String, byte[]> files, String commit) throws IOException {
        Files.createDirectories(builds);
        Path fresh = Files.createTempDirectory(builds, nextNumber() + "-" + commit.substring(0, 12) + "-");
        for (String path : files.keySet()) {
            Path target = fresh.resolve(path).normalize();
            if (!target.startsWith(fresh) || target.equals(fresh)) {
                throw new IOException("refusing to write outside the site: " + path);
            }
            Files.createDirectories(target.getParent());
        }
        writeAll(fresh, files);
        fsyncDirectory(fresh);
        Optional<Path> previous = current();
        Path link = builds.resolve("link.tmp");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, out.getParent().relativize(fresh));
        Files.move(link, out, StandardCopyOption.ATOMIC_MOVE);
        fsyncDirectory(out.getParent());
        removeStale(fresh, previous);
        return fresh;
    }

    /**
     * Writes and fsyncs every file, many at once: fsyncs issued together share journal commits, which makes a
     * thousand-file site take a fraction of the time one-by-one would.
     */
    private static void writeAll(Path dir, Map<String, byte[]> files) throws IOException {
        Semaphore open = new Semaphore(64);
        List<Future<?>> writes = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                writes.add(executor.submit(() -> {
                    open.acquire();
                    try (FileChannel channel = FileChannel.open(dir.resolve(file.getKey()),
                            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                        ByteBuffer buffer = ByteBuffer.wrap(file.getValue());
                        while (buffer.hasRemaining()) {
                            channel.write(buffer);
                        }
                        channel.force(true);
                    } finally {
                        open.release();
                    }
                    return null;
                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing the site", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private String nextNumber() throws IOException {
        long highest = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(builds)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                int dash = name.indexOf('-');
                if (dash > 0 && name.substring(0, dash).matches("[0-9]{1,18}")) {
                    highest = Math.max(highest, Long.parseLong(name.substring(0, dash)));
                }
            }
        }
        return String.format("%06d", highest + 1);
    }

    private void removeStale(Path fresh, Optional<Path> previous) throws IOException {
        List<Path> stale = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(builds)) {
            for (Path entry : entries) {
                Path normal = entry.toAbsolutePath().normalize();
                if (!normal.equals(fresh) && !previous.map(normal::equals).orElse(false)
                        && Files.isDirectory(normal, LinkOption.NOFOLLOW_LINKS)) {
                    stale.add(normal);
                }
            }
        }
        for (Path dir : stale) {
            deleteTree(dir);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        }
    }
}
