package org.godshell.toaster.deliver.remote;

import java.util.Objects;
import org.godshell.toaster.tlsrpt.AppliedPolicy;
import org.godshell.toaster.tlsrpt.ResultType;

/** What a {@link TlsRule} says about one MX host. */
public sealed interface HostDecision {

    /** Connect, and do TLS this way. */
    record Use(HostTls tls) implements HostDecision {
        public Use {
            Objects.requireNonNull(tls, "tls");
        }
    }

    /**
     * Do not connect: the host cannot meet the policy (an MTA-STS enforce policy that does not list it, RFC 8461
     * §4.1; a DANE lookup that failed validation). {@code why} becomes the deferral reason when no host is left.
     */
    record Skip(AppliedPolicy policy, ResultType type, String why) implements HostDecision {
        public Skip {
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(why, "why");
        }
    }
}
