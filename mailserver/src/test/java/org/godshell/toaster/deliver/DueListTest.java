package org.godshell.toaster.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.godshell.toaster.queue.QueueId;
import org.junit.jupiter.api.Test;

class DueListTest {

    private static final QueueId A = new QueueId("1m8bz91g7000928r");
    private static final QueueId B = new QueueId("1m8bz91g7001928r");

    private final Clock clock = Clock.systemUTC();
    private final DueList due = new DueList(clock);

    @Test
    void givesDueMessagesEarliestFirstAndEachOnce() throws InterruptedException {
        Instant now = clock.instant();
        due.add(B, now.minusSeconds(1));
        due.add(A, now.minusSeconds(2));
        due.add(A, now.minusSeconds(1));
        assertEquals(A, due.take(Duration.ZERO));
        assertEquals(B, due.take(Duration.ZERO));
        assertNull(due.take(Duration.ofMillis(20)));
    }

    @Test
    void anEarlierRequestWinsAndFlushMakesEverythingDue() throws InterruptedException {
        Instant now = clock.instant();
        due.add(A, now.plus(Duration.ofHours(1)));
        due.add(B, now.plus(Duration.ofHours(2)));
        assertNull(due.take(Duration.ofMillis(20)));
        due.add(B, now.minusSeconds(1));
        assertEquals(B, due.take(Duration.ZERO));
        due.allNow();
        assertEquals(A, due.take(Duration.ofSeconds(1)));
        assertEquals(0, due.size());
    }

    @Test
    void forgottenMessagesNeverComeDue() throws InterruptedException {
        due.add(A, clock.instant());
        due.forget(A);
        assertNull(due.take(Duration.ofMillis(20)));
    }

    @Test
    void aWaitingTakeWakesForANewDueMessage() throws InterruptedException {
        Thread adder = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            due.add(A, clock.instant());
        });
        assertEquals(A, due.take(Duration.ofSeconds(10)));
        adder.join();
    }
}
