package org.godshell.toaster.site.build;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.godshell.toaster.io.AtomicFile;
import org.godshell.toaster.site.parallel.Parallel;

/**
 * Publishing a site atomically. {@code out} is a symlink to {@code out.builds/<n>-<commit>}; a build writes a new
 * directory beside the old ones, fsyncs it, makes a temporary symlink to it and renames that over {@code out}
 * (rename(2) replaces a symlink atomically). A reader that resolves {@code out} gets one whole site; a file it has
 * open stays readable. The previous build is kept one more round (a reader may be in the middle of it), older
 * ones are deleted after the swap, in the background ({@link StaleBuilds}), one at a time.
 *
 * <p>States: before the rename, {@code out} is the old site and a new directory is complete beside it; after
 * it, {@code out} is the new site. A crash in between leaves an unreferenced directory, removed by the next build.
 *
 * <p>An incremental build names files the previous build made alike; they are hard-linked from its directory
 * (copied where links are refused), never written in place. Beside each directory lies its build index,
 * {@code <directory>.index}, written before the swap, so the index always describes the site beside it; it is not
 * inside the directory because it is not for readers. It is not fsynced (megabytes, each build): after a crash it
 * may be empty or cut short, which its checksum refuses, and the next build is a full one.
 */
final class SiteSwap {

    /** Files written or linked at once: enough to share the file system's journal commits among many fsyncs. */
    private static final int FILES_AT_ONCE = 64;

    private final Path out;
    private final Path builds;
    private final StaleBuilds cleaner;

    SiteSwap(Path out) throws IOException {
        this(out, StaleBuilds.shared());
    }

    SiteSwap(Path out, StaleBuilds cleaner) throws IOException {
        this.cleaner = cleaner;
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

    /** The build index beside a build directory. */
    static Path indexOf(Path dir) {
        return dir.resolveSibling(dir.getFileName() + ".index");
    }

    /** A file to keep is missing from the previous build's directory: that build cannot be built upon. */
    static final class PreviousDamaged extends IOException {
        private static final long serialVersionUID = 1L;

        PreviousDamaged(String message) {
            super(message);
        }
    }

    /** A published build and the one served before it (kept for readers still in it, and for the next build). */
    record Swapped(Path fresh, Optional<Path> previous) {
    }

    /**
     * Writes the files into a new build directory, links the {@code kept} ones from {@code previous}, writes the
     * index beside it, and swaps the symlink to it: from here readers get the new site. {@link #clean} follows.
     * The index is asked for last, so that it can be made meanwhile.
     */
    Swapped publish(Map<String, byte[]> files, Collection<String> kept, Optional<Path> from,
                    Supplier<byte[]> index, String commit) throws IOException {
        Files.createDirectories(builds);
        Path fresh = Files.createTempDirectory(builds, nextNumber() + "-" + commit.substring(0, 12) + "-");
        try {
            for (String path : files.keySet()) {
                Files.createDirectories(inside(fresh, path).getParent());
            }
            link(fresh, kept, from);
            writeAll(fresh, files);
        } catch (IOException | RuntimeException e) {
            StaleBuilds.deleteTree(fresh);
            throw e;
        }
        AtomicFile.syncDirectory(fresh);
        // not fsynced: a crash may leave it empty or cut short, which its checksum refuses (a full build)
        AtomicFile.writeCache(indexOf(fresh), index.get(), "rw-r--r--");
        Optional<Path> previous = current();
        AtomicFile.symlink(out, out.getParent().relativize(fresh));
        return new Swapped(fresh, previous);
    }

    /**
     * Removes the builds older than the two of {@code swapped}, in the background: nothing is served from them
     * any more. A reader resolves {@code out} once per request, so a request begun before this swap is in the
     * previous build, which is kept; the ones removed were last published two swaps ago or never (a crash's
     * leftovers). A file a reader still has open stays readable once unlinked.
     */
    void clean(Swapped swapped) throws IOException {
        removeStale(swapped.fresh(), swapped.previous());
    }

    private static Path inside(Path dir, String path) throws IOException {
        Path target = dir.resolve(path).normalize();
        if (!target.startsWith(dir) || target.equals(dir)) {
            throw new IOException("refusing a path outside the site: " + path);
        }
        return target;
    }

    /**
     * Hard-links each kept file from the previous build, or copies it where the file system refuses links; each
     * folder is made once. One after the other: links into one folder take its lock in turn, so threads only
     * queue for it (measured: 2,000 links serially in 30 ms, 50–80 ms from 64 threads at once). Nothing is looked
     * up before a link (most of an incremental build's publishing): a source that is missing, or is not a
     * regular file where a link is refused, makes the previous build damaged. (A symlink planted there would be
     * linked as a symlink, which the server never follows: StaticSite opens files with NOFOLLOW_LINKS.)
     */
    private static void link(Path fresh, Collection<String> kept, Optional<Path> from) throws IOException {
        if (kept.isEmpty()) {
            return;
        }
        Path previous = from.orElseThrow(() -> new PreviousDamaged("files to keep but no previous build"));
        Set<Path> folders = new HashSet<>();
        for (String path : kept) {
            Path source = inside(previous, path);
            Path target = inside(fresh, path);
            if (folders.add(target.getParent())) {
                Files.createDirectories(target.getParent());
            }
            try {
                Files.createLink(target, source);
            } catch (NoSuchFileException e) {
                throw new PreviousDamaged(path + " is missing from the previous build " + previous);
            } catch (UnsupportedOperationException | FileSystemException e) {
                if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                    throw new PreviousDamaged(path + " is not a regular file in the previous build " + previous);
                }
                Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    /**
     * Writes and fsyncs every file, many at once: fsyncs issued together share journal commits, which makes a
     * thousand-file site take a fraction of the time one-by-one would.
     */
    private static void writeAll(Path dir, Map<String, byte[]> files) throws IOException {
        Parallel.each(files.keySet(), FILES_AT_ONCE, "writing the site", path -> {
            try (FileChannel channel = FileChannel.open(dir.resolve(path), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(files.get(path));
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
        });
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

    /**
     * Queues the directories other than the two of this swap for deletion in the background ({@link
     * StaleBuilds}); deletes at once a stray build index whose directory is gone. Only real directories and
     * regular files are taken: a symlink named like a build is left alone, never followed.
     */
    private void removeStale(Path fresh, Optional<Path> previous) throws IOException {
        List<Path> stale = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(builds)) {
            for (Path entry : entries) {
                Path normal = entry.toAbsolutePath().normalize();
                if (!normal.equals(fresh) && !previous.map(normal::equals).orElse(false)
                        && Files.isDirectory(normal, LinkOption.NOFOLLOW_LINKS)) {
                    if (!cleaner.queued(normal)) {
                        stale.add(normal);
                    }
                } else if (normal.getFileName().toString().endsWith(".index") && !isIndexOf(normal, fresh, previous)
                        && Files.isRegularFile(normal, LinkOption.NOFOLLOW_LINKS)) {
                    String name = normal.getFileName().toString();
                    Path dir = normal.resolveSibling(name.substring(0, name.length() - ".index".length()));
                    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                        Files.deleteIfExists(normal);
                    }
                }
            }
        }
        cleaner.delete(stale);
    }

    private static boolean isIndexOf(Path index, Path fresh, Optional<Path> previous) {
        return index.equals(indexOf(fresh)) || previous.map(p -> indexOf(p).equals(index)).orElse(false);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        }
    }
}
