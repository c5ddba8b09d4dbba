package org.godshell.toaster.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.godshell.toaster.queue.QueueId;
import org.junit.jupiter.api.Test;

class QueueTallyTest {

    /** Ids of known creation times: 9 characters of milliseconds (base 32), a sequence, a random part. */
    private static QueueId id(String clock) {
        return new QueueId(clock + "000" + "0000");
    }

    @Test
    void anEmptyQueueHasNothingAndNoAge() {
        QueueTally tally = new QueueTally();
        assertEquals(0, tally.messages());
        assertEquals(0, tally.recipients());
        assertEquals(Duration.ZERO, tally.oldest(Instant.now()));
    }

    @Test
    void messagesComeGoAndChangeTheirPendingRecipients() {
        QueueTally tally = new QueueTally();
        QueueId older = id("100000000");
        QueueId newer = id("200000000");
        tally.arrived(newer);
        tally.set(older, 3);
        assertEquals(2, tally.messages());
        assertEquals(3, tally.recipients());
        tally.set(newer, 2);
        tally.set(older, 1);
        assertEquals(3, tally.recipients());
        tally.arrived(older);                                   // a late commit notice changes nothing
        assertEquals(3, tally.recipients());
        tally.removed(older);
        tally.removed(older);                                   // twice: an admin's delete after the last attempt
        assertEquals(1, tally.messages());
        assertEquals(2, tally.recipients());
        tally.removed(newer);
        assertEquals(0, tally.messages());
        assertEquals(0, tally.recipients());
    }

    @Test
    void theOldestIsTheFirstIdByCreationTime() {
        QueueTally tally = new QueueTally();
        QueueId older = id("100000000");
        QueueId newer = id("200000000");
        tally.set(newer, 1);
        tally.set(older, 1);
        Instant now = newer.created().plusSeconds(60);
        assertEquals(Duration.between(older.created(), now), tally.oldest(now));
        tally.removed(older);
        assertEquals(Duration.ofSeconds(60), tally.oldest(now));
        assertEquals(Duration.ZERO, tally.oldest(newer.created().minusSeconds(5)), "a clock behind: no negative age");
    }
}
