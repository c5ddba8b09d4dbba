package org.godshell.toaster.smtpc;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Closes a socket when a write takes too long. Java socket writes have no timeout: a server that stops reading
 * would block the sender for ever once the TCP window is full (RFC 5321 §4.5.3.2.5 wants 3 minutes per block).
 * One virtual thread per connection sleeps until the armed deadline and closes the target if it passes.
 */
final class WriteWatchdog implements AutoCloseable {

    private final Closeable target;
    private final Thread thread;
    private volatile boolean armed;
    private volatile long deadline;
    private volatile boolean fired;
    private volatile boolean stopped;

    WriteWatchdog(Closeable target) {
        this.target = target;
        this.thread = Thread.ofVirtual().name("smtp-write-watchdog").start(this::watch);
    }

    void arm(Duration timeout) {
        deadline = System.nanoTime() + timeout.toNanos();
        armed = true;
        LockSupport.unpark(thread);
    }

    void disarm() {
        armed = false;
    }

    /** True when the watchdog closed the target: the write failed because it took too long. */
    boolean fired() {
        return fired;
    }

    private void watch() {
        while (!stopped) {
            if (!armed) {
                LockSupport.park(this);
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fired = true;
                try {
                    target.close();
                } catch (IOException e) {
                    // Closing is all we can do; the blocked writer sees the failure.
                }
                return;
            }
            LockSupport.parkNanos(this, left);
        }
    }

    @Override
    public void close() {
        stopped = true;
        LockSupport.unpark(thread);
    }
}
