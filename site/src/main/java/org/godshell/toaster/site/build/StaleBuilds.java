package org.godshell.toaster.site.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.FileSystemException;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Deletes the build directories nothing is served from any more, one at a time, on a thread of its own: a
 * published build need not wait for the build before last to be unlinked file by file (thousands of unlinks,
 * about a tenth of a second) before its push is answered.
 *
 * <p>Bounded: at most {@link #MAX_WAITING} directories wait; a build that finds the queue full waits for room
 * before it queues more, so deletion cannot fall behind without limit. Crash-safe: nothing here is remembered
 * across a restart; a directory left by a crash (a half-written build, or a stale one whose deletion was cut
 * short) is found again by the next build's look at the builds directory. On exit (a one-shot
 * {@code toaster wiki build} ends with {@code System.exit}) a shutdown hook waits for the queue to empty.
 *
 * <p>Never follows a symlink: a directory is walked without following links, a link inside is unlinked itself,
 * and a queued path that has become a symlink is unlinked, not entered. A file or folder that vanishes meanwhile
 * (another deleter) is not an error.
 */
final class StaleBuilds {

    /** Directories waiting at most; each is a whole build, so a few are plenty. */
    static final int MAX_WAITING = 4;

    private static final StaleBuilds SHARED = new StaleBuilds(error -> System.err.println(
            "wiki: removing an old build failed; the next build tries again: " + error.getMessage()));

    private final Deque<Path> waiting = new ArrayDeque<>();
    private final Set<Path> queued = new HashSet<>();
    private final Consumer<IOException> report;
    private boolean started;

    StaleBuilds(Consumer<IOException> report) {
        this.report = report;
    }

    /** The deleter of this JVM, shared by every site it builds. */
    static StaleBuilds shared() {
        return SHARED;
    }

    /**
     * Queues each directory (and the build index beside it) for deletion, unless it is queued or being
     * deleted already; waits while {@link #MAX_WAITING} are waiting.
     */
    synchronized void delete(Collection<Path> dirs) throws IOException {
        for (Path dir : dirs) {
            if (queued.contains(dir)) {
                continue;
            }
            while (waiting.size() >= MAX_WAITING) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting to remove old builds", e);
                }
            }
            waiting.addLast(dir);
            queued.add(dir);
            startOnce();
            notifyAll();
        }
    }

    /** True when {@code dir} is waiting or being deleted: a build looking for stale directories skips it. */
    synchronized boolean queued(Path dir) {
        return queued.contains(dir);
    }

    /** Waits until nothing is waiting or being deleted. */
    synchronized void awaitIdle() throws InterruptedException {
        while (!queued.isEmpty()) {
            wait();
        }
    }

    private void startOnce() {
        if (started) {
            return;
        }
        started = true;
        Thread worker = new Thread(this::work, "wiki-old-builds");
        worker.setDaemon(true);
        worker.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                awaitIdle();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "wiki-old-builds-at-exit"));
    }

    private void work() {
        while (true) {
            Path dir;
            synchronized (this) {
                while (waiting.isEmpty()) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                dir = waiting.peekFirst();
            }
            try {
                deleteTree(dir);
                Files.deleteIfExists(SiteSwap.indexOf(dir));
            } catch (IOException | UncheckedIOException e) {
                report.accept(e instanceof UncheckedIOException u ? u.getCause() : (IOException) e);
            } finally {
                synchronized (this) {
                    waiting.removeFirst();
                    queued.remove(dir);
                    notifyAll();
                }
            }
        }
    }

    /**
     * Deletes {@code root} and everything under it without following a symlink anywhere: each directory is
     * opened relative to its parent with {@code O_NOFOLLOW} (a {@link SecureDirectoryStream}), so a folder
     * swapped for a symlink meanwhile is unlinked, never entered. What vanishes meanwhile is skipped.
     */
    static void deleteTree(Path root) throws IOException {
        Path absolute = root.toAbsolutePath();
        try (DirectoryStream<Path> parent = Files.newDirectoryStream(absolute.getParent())) {
            if (!(parent instanceof SecureDirectoryStream<Path> secure)) {
                throw new IOException("this file system cannot delete " + absolute + " without following links");
            }
            delete(secure, absolute.getFileName());
        } catch (NoSuchFileException e) {
            // the folder holding it is gone, and it with it
        }
    }

    private static void delete(SecureDirectoryStream<Path> parent, Path name) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = parent.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
        } catch (NoSuchFileException e) {
            return;
        }
        if (!attributes.isDirectory()) {
            unlink(parent, name);
            return;
        }
        List<Path> names = new ArrayList<>();
        try (SecureDirectoryStream<Path> dir = parent.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
            // the names first: a directory is not changed while it is being read
            dir.forEach(entry -> names.add(entry.getFileName()));
            for (Path entry : names) {
                delete(dir, entry);
            }
        } catch (NoSuchFileException e) {
            return;
        } catch (FileSystemException e) {
            // made a symlink since it was looked at (O_NOFOLLOW refused it): unlinked below, not entered
            unlink(parent, name);
            return;
        }
        try {
            parent.deleteDirectory(name);
        } catch (NoSuchFileException e) {
            // deleted by someone else meanwhile: what was wanted
        } catch (DirectoryNotEmptyException e) {
            throw new IOException(name + " filled up while it was being removed", e);
        }
    }

    private static void unlink(SecureDirectoryStream<Path> parent, Path name) throws IOException {
        try {
            parent.deleteFile(name);
        } catch (NoSuchFileException e) {
            // deleted by someone else meanwhile: what was wanted
        }
    }
}
