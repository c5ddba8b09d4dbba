package org.godshell.toaster.site.history;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Independent reads of the object database on several threads: the indexes split in one chunk a thread, each
 * thread with its own tools (JGit's formatters and walks are not thread-safe; the object database is).
 */
final class Chunks {

    private Chunks() {
    }

    /** What one thread works with; closed when its chunk is done. */
    interface Tools extends AutoCloseable {
        @Override
        void close();
    }

    /** The work for one index with a thread's tools. */
    interface Task<T extends Tools, R> {
        R apply(T tools, int index) throws IOException;
    }

    /** Opens a thread's tools. */
    interface Opener<T extends Tools> {
        T open() throws IOException;
    }

    /** The results for indexes 0 to {@code count - 1}, in order. */
    static <T extends Tools, R> List<R> map(int count, Opener<T> opener, Task<T, R> task) throws IOException {
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 8));
        int chunk = Math.max(1, (count + threads - 1) / threads);
        List<R> results = new ArrayList<>(Collections.nCopies(count, null));
        List<Future<?>> work = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
            for (int start = 0; start < count; start += chunk) {
                int from = start;
                int to = Math.min(count, start + chunk);
                work.add(executor.submit(() -> {
                    try (T tools = opener.open()) {
                        for (int i = from; i < to; i++) {
                            results.set(i, task.apply(tools, i));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the history", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
        // Each task set only its own slots, and Future.get() orders those writes before these reads.
        return results;
    }
}
