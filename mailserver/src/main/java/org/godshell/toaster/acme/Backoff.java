package org.godshell.toaster.acme;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When to try again after a failure: an hour after the first, doubling with each failure in a row, never more
 * than a day (a CA's limits count failed validations per hour; a day keeps a broken setup from hammering it, and
 * still renews within a day of the fix). A CA's Retry-After (RFC 8555 §6.6) is a floor, whatever our count says.
 */
public final class Backoff {

    static final Duration FIRST = Duration.ofHours(1);
    static final Duration MOST = Duration.ofDays(1);

    private Backoff() {
    }

    /** The next try after the {@code failures}-th failure in a row (1 for the first) at {@code now}. */
    public static Instant next(int failures, Instant now, Optional<Instant> retryAfter) {
        Duration wait = FIRST;
        for (int i = 1; i < failures && wait.compareTo(MOST) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        Instant ours = now.plus(wait.compareTo(MOST) > 0 ? MOST : wait);
        return retryAfter.filter(ours::isBefore).orElse(ours);
    }
}
