package org.godshell.toaster.site.git;

import java.time.Duration;

/**
 * The answer to a pusher's user name and password. {@link Throttled} is not a wrong password: the client's
 * address made too many failed logins and no password is checked until {@code retryAfter} has passed, which the
 * pusher is told (as SMTP's 421 does), so that the right password is not blamed.
 */
public sealed interface Login {

    record Accepted() implements Login {
    }

    record Refused() implements Login {
    }

    record Throttled(Duration retryAfter) implements Login {
    }

    /** The accounts cannot be asked now (a user database that is down): not the client's mistake; try later. */
    record Unavailable() implements Login {
        /** How long a client is told to wait (RFC 9110 §10.2.3 Retry-After). */
        public static final long RETRY_SECONDS = 60;
    }
}
