package org.godshell.toaster.site.parallel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/** Independent work on many items, at most a given number at once, each on a virtual thread. */
public final class Parallel {

    private Parallel() {
    }

    /** The work for one item. */
    @FunctionalInterface
    public interface Work<T, R> {
        R apply(T item) throws IOException;
    }

    /** Work for one item that gives nothing back. */
    @FunctionalInterface
    public interface Task<T> {
        void run(T item) throws IOException;
    }

    /** As many at once as there are processors: for work that keeps a processor busy. */
    public static int processors() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * The results of {@code work} on every item, in the items' order, with at most {@code atOnce} running at a
     * time. The first failure is thrown once all have ended (an {@link IOException} as it is); {@code what}
     * names the work in the message of an interruption.
     */
    public static <T, R> List<R> map(Collection<T> items, int atOnce, String what, Work<T, R> work)
            throws IOException {
        Semaphore running = new Semaphore(atOnce);
        List<Future<R>> futures = new ArrayList<>(items.size());
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (T item : items) {
                futures.add(executor.submit(() -> {
                    running.acquire();
                    try {
                        return work.apply(item);
                    } finally {
                        running.release();
                    }
                }));
            }
            List<R> results = new ArrayList<>(futures.size());
            for (Future<R> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + what, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(what + " failed: " + e.getCause(),
                    e.getCause());
        }
    }

    /** Runs {@code task} on every item, as {@link #map} does. */
    public static <T> void each(Collection<T> items, int atOnce, String what, Task<T> task) throws IOException {
        map(items, atOnce, what, item -> {
            task.run(item);
            return null;
        });
    }
}
