package org.godshell.toaster.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private final Schedule schedule = Schedule.standard(Duration.ofDays(7));

    @Test
    void backsOffByDoublingUpToTheMaximum() {
        assertEquals(T0.plus(Duration.ofMinutes(5)), schedule.nextAttempt(1, T0));
        assertEquals(T0.plus(Duration.ofMinutes(10)), schedule.nextAttempt(2, T0));
        assertEquals(T0.plus(Duration.ofMinutes(160)), schedule.nextAttempt(6, T0));
        assertEquals(T0.plus(Duration.ofHours(4)), schedule.nextAttempt(7, T0));
        assertEquals(T0.plus(Duration.ofHours(4)), schedule.nextAttempt(Integer.MAX_VALUE, T0));
        assertEquals(T0.plus(Duration.ofMinutes(5)), schedule.nextAttempt(0, T0));
    }

    @Test
    void expiresAndWarnsOnTime() {
        assertFalse(schedule.expired(T0, T0.plus(Duration.ofDays(7)).minusSeconds(1)));
        assertTrue(schedule.expired(T0, T0.plus(Duration.ofDays(7))));
        assertFalse(schedule.warnDue(T0, T0.plus(Duration.ofHours(4)).minusSeconds(1)));
        assertTrue(schedule.warnDue(T0, T0.plus(Duration.ofHours(4))));
    }

    @Test
    void noWarningWhenTheLifetimeIsShorterThanTheWarningTime() {
        Schedule shortLived = Schedule.standard(Duration.ofHours(1));
        assertFalse(shortLived.warnDue(T0, T0.plus(Duration.ofHours(5))));
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class,
                () -> new Schedule(Duration.ZERO, Duration.ofHours(1), Duration.ofDays(1), Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new Schedule(Duration.ofHours(2), Duration.ofHours(1), Duration.ofDays(1), Duration.ofHours(1)));
    }
}
