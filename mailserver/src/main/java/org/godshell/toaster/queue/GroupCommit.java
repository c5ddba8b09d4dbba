package org.godshell.toaster.queue;

import java.io.IOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets concurrent commits share one directory fsync. A caller first makes its change (the link into
 * {@code mess/}), then calls {@link #await()}, which returns once an fsync that <em>started after</em> the call
 * has completed, or throws if that fsync failed.
 *
 * <p>Callers join the open batch. If no fsync is running, one caller becomes the leader: it closes the batch,
 * runs the fsync without holding the lock, marks the batch done and wakes everyone. Callers arriving meanwhile
 * join the next batch, whose leader starts as soon as the running fsync ends. So under load each fsync covers
 * everything linked while the previous one ran, and a lone commit costs exactly one fsync.
 *
 * <p>A {@link ReentrantLock} rather than {@code synchronized}: in Java 21 a virtual thread blocked inside
 * {@code synchronized} pins its carrier.
 *
 * <p>Public because local delivery shares the fsync of a Maildir's {@code new/} the same way
 * ({@code deliver/delivery.md}).
 */
public final class GroupCommit {

    /** The shared durable step; for the queue, {@code force} on the {@code mess/} directory. */
    @FunctionalInterface
    public interface Sync {
        void run() throws IOException;
    }

    /** One fsync's worth of callers; written only under the lock. */
    private static final class Batch {
        boolean done;
        Throwable failure;
    }

    private final Sync sync;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finished = lock.newCondition();
    private Batch open = new Batch();
    private boolean syncing;
    private long syncs;

    public GroupCommit(Sync sync) {
        this.sync = sync;
    }

    /** Returns when every change made before this call is durable. Not interruptible: a commit runs to its end. */
    public void await() throws IOException {
        lock.lock();
        try {
            Batch mine = open;
            while (!mine.done) {
                if (syncing) {
                    finished.awaitUninterruptibly();
                    continue;
                }
                // No fsync is running and mine is not done, so mine is still the open batch: lead it.
                open = new Batch();
                syncing = true;
                syncs++;
                Throwable failure = null;
                lock.unlock();
                try {
                    sync.run();
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    lock.lock();
                    syncing = false;
                    mine.failure = failure;
                    mine.done = true;
                    finished.signalAll();
                }
            }
            if (mine.failure != null) {
                throw new IOException("shared directory fsync failed", mine.failure);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * How many callers wait for the running fsync to end, all of them in the next batch; lets tests line callers
     * up behind an fsync without guessing from thread states.
     */
    public int waiting() {
        lock.lock();
        try {
            return lock.getWaitQueueLength(finished);
        } finally {
            lock.unlock();
        }
    }

    /** How many fsyncs have been started; lets tests and benchmarks see the batching. */
    public long syncs() {
        lock.lock();
        try {
            return syncs;
        } finally {
            lock.unlock();
        }
    }
}
