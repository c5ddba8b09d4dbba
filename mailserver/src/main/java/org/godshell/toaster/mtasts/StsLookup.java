package org.godshell.toaster.mtasts;

import java.util.Objects;
import org.godshell.toaster.tlsrpt.ResultType;

/** What {@link MtaSts#lookup} found for a recipient domain. */
public sealed interface StsLookup {

    /** No {@code _mta-sts} record and nothing cached: deliver as without MTA-STS. */
    record NoPolicy() implements StsLookup {}

    /** The policy to apply, fresh from the policy host or from the cache. */
    record Active(Cached policy) implements StsLookup {
        public Active {
            Objects.requireNonNull(policy, "policy");
        }
    }

    /**
     * The domain publishes a record, but its policy could not be had and none is cached: delivery goes on as
     * without a policy (§5.1), and the failure is reported (RFC 8460 §4.3.2.2).
     */
    record Unavailable(ResultType type, String why) implements StsLookup {
        public Unavailable {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(why, "why");
        }
    }
}
