package org.godshell.toaster.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The limit of concurrencylocal and concurrencyremote, read at each acquire: an edit applies to waiting work. */
class PermitsTest {

    @Test
    void aRaisedLimitLetsAWaitingDeliveryStartWithoutARelease() throws Exception {
        AtomicInteger limit = new AtomicInteger(1);
        Permits permits = new Permits(limit::get);
        permits.acquire();
        CountDownLatch started = new CountDownLatch(1);
        Thread waiting = waitFor(permits, started);
        limit.set(2);
        assertTrue(started.await(30, TimeUnit.SECONDS), "the second delivery started under the new limit");
        waiting.join();
    }

    @Test
    void aLoweredLimitHoldsNewDeliveriesUntilEnoughHaveEnded() throws Exception {
        AtomicInteger limit = new AtomicInteger(3);
        Permits permits = new Permits(limit::get);
        for (int i = 0; i < 3; i++) {
            permits.acquire();
        }
        limit.set(1);
        CountDownLatch started = new CountDownLatch(1);
        Thread waiting = waitFor(permits, started);
        permits.release();
        permits.release();
        assertEquals(1, started.getCount(), "one delivery still runs: the limit of 1 is reached");
        permits.release();
        assertTrue(started.await(30, TimeUnit.SECONDS));
        waiting.join();
    }

    /** A delivery that waits for a permit, and says when it got one. */
    private static Thread waitFor(Permits permits, CountDownLatch started) {
        return Thread.ofVirtual().start(() -> {
            try {
                permits.acquire();
                started.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
