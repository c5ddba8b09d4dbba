package org.godshell.toaster.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The shared write watchdog cuts a write that is past its deadline, and never one that has ended. */
class WriteWatchTest {

    private static final class Write implements WriteWatch.Watched {
        final long deadline;
        final CountDownLatch cutDone = new CountDownLatch(1);
        final AtomicInteger cuts = new AtomicInteger();

        Write(long deadline) {
            this.deadline = deadline;
        }

        @Override
        public long deadlineNanos() {
            return deadline;
        }

        @Override
        public void cut() {
            cuts.incrementAndGet();
            cutDone.countDown();
        }
    }

    @Test
    void aLateWriteIsCutOnceAndAnEndedOneNever() throws Exception {
        Write ended = new Write(System.nanoTime() - 1);
        WriteWatch.started(ended);
        WriteWatch.ended(ended);
        Write late = new Write(System.nanoTime() - 1);
        WriteWatch.started(late);
        late.cutDone.await();
        // The tick that cut the late write saw the set after the ended one had left it.
        assertEquals(1, late.cuts.get());
        assertEquals(0, ended.cuts.get());
        WriteWatch.ended(late);
    }
}
