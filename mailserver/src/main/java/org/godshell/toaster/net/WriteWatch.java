package org.godshell.toaster.net;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The one watchdog of every {@link DeadlineOutputStream}: a write in progress is registered here with its
 * deadline, and a daemon thread looks at the registered writes four times a second and cuts those past theirs.
 *
 * <p>Why not a timer task per write: scheduling one puts it at the head of an empty timer queue, which wakes the
 * timer thread, and cancelling it wakes nothing useful either; an SMTP session makes half a dozen writes, so
 * that was a dozen thread wake-ups per message for deadlines of minutes that practically never expire. Adding
 * to and removing from a concurrent set wakes no one. A deadline is kept to within {@link #TICK_MILLIS}, which
 * for {@code timeoutsmtpd} (seconds to minutes) is no difference.
 */
final class WriteWatch {

    static final long TICK_MILLIS = 250;

    /** Something to cut when its write is late. */
    interface Watched {
        /** System.nanoTime() past which the current write is late. */
        long deadlineNanos();

        void cut();
    }

    private static final Set<Watched> WRITING = ConcurrentHashMap.newKeySet();

    static {
        Thread.ofPlatform().daemon().name("write-watchdog").start(WriteWatch::watch);
    }

    private WriteWatch() {
    }

    static void started(Watched write) {
        WRITING.add(write);
    }

    static void ended(Watched write) {
        WRITING.remove(write);
    }

    private static void watch() {
        while (true) {
            try {
                TimeUnit.MILLISECONDS.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                // Nobody interrupts this daemon thread; if someone does, watching on is still right.
                continue;
            }
            long now = System.nanoTime();
            for (Watched write : WRITING) {
                if (now - write.deadlineNanos() > 0) {
                    WRITING.remove(write);
                    write.cut();
                }
            }
        }
    }
}
