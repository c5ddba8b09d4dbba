package org.godshell.toaster.site.build;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Deletes the build directories nothing is served from any more, one at a time, on a thread of its own: a
 * published build need not wait for the build before last to be unlinked file by file (thousands of unlinks,
 * about a tenth of a second) before its push is answered.
 *
 * <p>Bounded: at most {@link #MAX_WAITING} directories wait; a build that finds the queue full deletes the rest
 * itself, so deletion cannot fall behind without limit. Crash-safe: nothing here is remembered
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
    private boolean working;
    private boolean hooked;

    StaleBuilds(Consumer<IOException> report) {
        this.report = report;
    }

    /** The deleter of this JVM, shared by every site it builds. */
    static StaleBuilds shared() {
        return SHARED;
    }

    /**
     * Queues each directory (and the build index beside it) for deletion, unless it is queued or being deleted
     * already. When {@link #MAX_WAITING} are waiting, the caller deletes the rest itself: the build that found
     * them waits, never the queue's memory or the disk grows without bound (nor does a build hang on a worker
     * that stopped).
     */
    void delete(Collection<Path> dirs) {
        List<Path> ours = new ArrayList<>();
        synchronized (this) {
            for (Path dir : dirs) {
                if (!queued.add(dir)) {
                    continue;
                }
                if (waiting.size() < MAX_WAITING) {
                    waiting.addLast(dir);
                    startWorker();
                    notifyAll();
                } else {
                    ours.add(dir);
                }
            }
        }
        try {
            for (Path dir : ours) {
                removeReporting(dir);
            }
        } finally {
            synchronized (this) {
                ours.forEach(queued::remove);
                notifyAll();
            }
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

    private void startWorker() {
        if (working) {
            return;
        }
        working = true;
        Thread worker = new Thread(this::work, "wiki-old-builds");
        worker.setDaemon(true);
        worker.start();
        if (!hooked) {
            hooked = true;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    awaitIdle();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "wiki-old-builds-at-exit"));
        }
    }

    /**
     * Deletes the waiting directories one after the other. Should the thread end on an error of the JVM, what
     * waits is let go (the next build finds it again) and the next {@link #delete} starts another thread.
     */
    private void work() {
        try {
            while (true) {
                Path dir;
                synchronized (this) {
                    while (waiting.isEmpty()) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            // nobody but the JVM interrupts this thread; waiting goes on
                        }
                    }
                    dir = waiting.peekFirst();
                }
                try {
                    removeReporting(dir);
                } finally {
                    synchronized (this) {
                        waiting.removeFirst();
                        queued.remove(dir);
                        notifyAll();
                    }
                }
            }
        } finally {
            synchronized (this) {
                waiting.forEach(queued::remove);
                waiting.clear();
                working = false;
                notifyAll();
            }
        }
    }

    /** Deletes a build and its index; a failure is reported, not thrown: the build it came from is published. */
    private void removeReporting(Path dir) {
        try {
            deleteTree(dir);
            Files.deleteIfExists(SiteSwap.indexOf(dir));
        } catch (IOException | RuntimeException e) {
            report.accept(e instanceof IOException io ? io : new IOException(e));
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
