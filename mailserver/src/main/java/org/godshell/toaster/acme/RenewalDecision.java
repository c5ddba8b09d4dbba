package org.godshell.toaster.acme;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether to renew now. A certificate is due when {@link #RENEW_BEFORE} or less of it remains, or once inside the
 * renewal window the CA suggests through ACME Renewal Information (RFC 9773 §4.2: a CA may ask for earlier
 * renewal, before a revocation for instance). Before a due certificate is renewed, a back-off from earlier
 * failures must have run out; {@code force} (a person asking) skips both.
 */
public final class RenewalDecision {

    /** Let's Encrypt's own advice for 90-day certificates: renew with a third of the lifetime left. */
    public static final Duration RENEW_BEFORE = Duration.ofDays(30);

    /** The outcome, with the reason in words for the log and {@code toaster cert status}. */
    public sealed interface Verdict {
        String why();
    }

    public record Renew(String why) implements Verdict {}

    public record Wait(Instant until, String why) implements Verdict {}

    /** The suggested renewal window of RFC 9773 §4.2. */
    public record Window(Instant start, Instant end) {}

    private RenewalDecision() {
    }

    public static Verdict decide(Instant notAfter, Instant now, Optional<Window> ari, RenewalState state,
            boolean force) {
        if (force) {
            return new Renew("renewal asked for by hand");
        }
        Instant due = notAfter.minus(RENEW_BEFORE);
        String why;
        if (!now.isBefore(notAfter)) {
            why = "the certificate expired at " + notAfter;
        } else if (!now.isBefore(due)) {
            why = Duration.between(now, notAfter).toDays() + " days remain (renewing at 30 or fewer)";
        } else if (ari.isPresent() && !now.isBefore(ari.get().start())) {
            why = "inside the CA's renewal window (RFC 9773) from " + ari.get().start();
        } else {
            Instant at = ari.map(Window::start).filter(due::isAfter).orElse(due);
            return new Wait(at, "not due before " + at);
        }
        Optional<Instant> backoff = state.nextTry().filter(now::isBefore);
        if (backoff.isPresent()) {
            return new Wait(backoff.get(), why + ", but after " + state.failures() + " failed attempt(s) the next "
                    + "try is at " + backoff.get());
        }
        return new Renew(why);
    }
}
