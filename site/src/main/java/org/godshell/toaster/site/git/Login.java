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
}
