package org.godshell.toaster.deliver.bounce;

import java.util.Objects;
import java.util.Optional;

/**
 * What to send, and to whom, after recipients of a message failed or were delayed. The queue runner commits
 * {@link #message()} to the queue when there is one and logs {@link Withheld#reason()} when there is not.
 */
public sealed interface Notice {

    /** The message to queue, or empty when none may be sent. */
    Optional<BounceMessage> message();

    /** A bounce or delay warning to the original's envelope sender. */
    record ToSender(BounceMessage bounce) implements Notice {
        public ToSender {
            Objects.requireNonNull(bounce, "bounce");
        }

        @Override
        public Optional<BounceMessage> message() {
            return Optional.of(bounce);
        }
    }

    /**
     * A double bounce: the original had the null sender (it was a bounce or an automatic notice itself) or a
     * sender that is no address, so the failure report goes to the postmaster instead (qmail's doublebounceto).
     */
    record ToPostmaster(BounceMessage bounce) implements Notice {
        public ToPostmaster {
            Objects.requireNonNull(bounce, "bounce");
        }

        @Override
        public Optional<BounceMessage> message() {
            return Optional.of(bounce);
        }
    }

    /** Nothing may be sent; {@code reason} says why, for the log. */
    record Withheld(String reason) implements Notice {
        public Withheld {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Optional<BounceMessage> message() {
            return Optional.empty();
        }
    }
}
