package org.godshell.toaster.mtasts;

import java.util.Locale;
import java.util.Optional;

/** A policy's {@code mode} (RFC 8461 §5). */
public enum Mode {
    /** Deliver only over authenticated TLS to a matching MX host. */
    ENFORCE,
    /** Deliver as without a policy, but report the failures (RFC 8460). */
    TESTING,
    /** The domain withdrew its policy (§8.3): as if there were none. */
    NONE;

    /** The value of the policy's {@code mode:} field, as written there. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Mode> of(String value) {
        for (Mode mode : values()) {
            if (mode.wire().equals(value)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
