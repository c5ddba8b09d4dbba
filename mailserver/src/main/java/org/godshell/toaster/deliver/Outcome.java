package org.godshell.toaster.deliver;

import java.util.Objects;

/**
 * What one delivery attempt did for one recipient. Temporary and permanent failures are different types
 * (DESIGN.md principle 3) so that no code path can retry a permanent failure or bounce a temporary one by
 * mistake: the queue runner retries {@link Deferred} until the queue lifetime ends and bounces {@link Failed}.
 */
public sealed interface Outcome {

    /** The recipient's mail is durable at its destination (a Maildir, or a remote host's 250 after DATA). */
    record Delivered(String detail) implements Outcome {
        public Delivered {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Try again later: a 4xx reply, an unreachable host, a full disk. */
    record Deferred(Diagnosis why) implements Outcome {
        public Deferred {
            Objects.requireNonNull(why, "why");
        }
    }

    /** Never try again: the sender gets a bounce (RFC 3464) saying why. */
    record Failed(Diagnosis why) implements Outcome {
        public Failed {
            Objects.requireNonNull(why, "why");
        }
    }
}
