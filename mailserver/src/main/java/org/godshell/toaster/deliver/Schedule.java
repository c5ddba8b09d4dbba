package org.godshell.toaster.deliver;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When to try again, when to warn the sender, when to give up. Retries back off exponentially from
 * {@code firstRetry} (doubling per attempt) up to {@code maxInterval}, so a host down for a minute costs little
 * and one down for days is not hammered; after {@code lifetime} since the message arrived, the remaining
 * recipients bounce (qmail's {@code queuelifetime}). One delay warning is sent after {@code warnAfter}
 * (sendmail's and Postfix's four hours), if the message is still waiting by then.
 */
public record Schedule(Duration firstRetry, Duration maxInterval, Duration lifetime, Duration warnAfter) {

    /** Five minutes, doubling, at most four hours apart; the given lifetime; a warning after four hours. */
    public static Schedule standard(Duration lifetime) {
        return new Schedule(Duration.ofMinutes(5), Duration.ofHours(4), lifetime, Duration.ofHours(4));
    }

    public Schedule {
        Objects.requireNonNull(firstRetry, "firstRetry");
        Objects.requireNonNull(maxInterval, "maxInterval");
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(warnAfter, "warnAfter");
        if (firstRetry.isNegative() || firstRetry.isZero() || maxInterval.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException("retry intervals must be positive and max >= first");
        }
    }

    /** When to try again after the {@code attempts}-th attempt (1 = the first) ended at {@code now}. */
    public Instant nextAttempt(int attempts, Instant now) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 30);
        Duration interval = firstRetry.multipliedBy(1L << doublings);
        return now.plus(interval.compareTo(maxInterval) > 0 ? maxInterval : interval);
    }

    /** True once a message received at {@code received} has waited its lifetime. */
    public boolean expired(Instant received, Instant now) {
        return !now.isBefore(received.plus(lifetime));
    }

    /** True when a message received at {@code received} is late enough to warn its sender. */
    public boolean warnDue(Instant received, Instant now) {
        return !now.isBefore(received.plus(warnAfter)) && warnAfter.compareTo(lifetime) < 0;
    }
}
