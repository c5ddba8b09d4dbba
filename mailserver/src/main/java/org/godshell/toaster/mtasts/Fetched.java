package org.godshell.toaster.mtasts;

import java.util.Objects;
import org.godshell.toaster.tlsrpt.ResultType;

/** What one policy fetch came to (RFC 8461 §3.3). */
public sealed interface Fetched {

    record Found(Policy policy) implements Fetched {
        public Found {
            Objects.requireNonNull(policy, "policy");
        }
    }

    /**
     * No usable policy: {@code type} is how TLS-RPT names the failure (RFC 8460 §4.3.2.2: sts-policy-fetch-error,
     * sts-policy-invalid or sts-webpki-invalid).
     */
    record Failed(ResultType type, String why) implements Fetched {
        public Failed {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(why, "why");
        }
    }
}
