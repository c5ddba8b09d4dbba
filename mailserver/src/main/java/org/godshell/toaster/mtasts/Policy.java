package org.godshell.toaster.mtasts;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A parsed policy (RFC 8461 §3.2).
 *
 * @param mode   enforce, testing or none
 * @param mx     the allowed MX host patterns (empty only in mode none)
 * @param maxAge how long a sender may cache it, at most a year (31557600 s)
 * @param lines  the policy's field lines as served, for TLS-RPT's "policy-string" (RFC 8460 §4.4)
 */
public record Policy(Mode mode, List<MxPattern> mx, Duration maxAge, List<String> lines) {

    public Policy {
        Objects.requireNonNull(mode, "mode");
        mx = List.copyOf(mx);
        Objects.requireNonNull(maxAge, "maxAge");
        lines = List.copyOf(lines);
    }

    /** Whether {@code host} (an MX target) is one the policy allows (§4.1). */
    public boolean allows(String host) {
        return mx.stream().anyMatch(p -> p.matches(host));
    }

    /** The patterns as written, for messages and reports. */
    public List<String> mxPatterns() {
        return mx.stream().map(MxPattern::pattern).toList();
    }
}
