package org.godshell.toaster.deliver;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;

/**
 * Deliveries of one kind running at once, against a limit read at each acquire ({@code concurrencylocal},
 * {@code concurrencyremote}): a raised limit lets waiting deliveries start, a lowered one holds new deliveries
 * back until enough running ones have ended, and never stops a running one.
 */
final class Permits {

    /** How often a waiting delivery looks at the limit again when no delivery ends meanwhile. */
    private static final Duration RECHECK = Duration.ofSeconds(1);

    private final IntSupplier limit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private int inUse;

    Permits(IntSupplier limit) {
        this.limit = limit;
    }

    void acquire() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (inUse >= limit.getAsInt()) {
                freed.await(RECHECK.toMillis(), TimeUnit.MILLISECONDS);
            }
            inUse++;
        } finally {
            lock.unlock();
        }
    }

    void release() {
        lock.lock();
        try {
            inUse--;
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
