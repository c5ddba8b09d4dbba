package org.godshell.toaster.dmarc;

import java.util.Locale;
import java.util.Optional;

/**
 * What a domain owner asks receivers to do with mail that fails DMARC ({@code p=}, {@code sp=}, RFC 7489
 * §6.3), and what we decided to do with a message (its disposition): the same three words.
 */
public enum Policy {
    NONE, QUARANTINE, REJECT;

    /** The word as a DMARC record and an Authentication-Results comment write it: {@code none}, {@code reject}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The policy a record's value names, in any case (ABNF strings are case-insensitive, RFC 5234 §2.3). */
    static Optional<Policy> of(String value) {
        for (Policy policy : values()) {
            if (policy.word().equalsIgnoreCase(value)) {
                return Optional.of(policy);
            }
        }
        return Optional.empty();
    }

    /**
     * What applies to a failing message that {@code pct=} left out of the sample (RFC 7489 §6.6.4): a message
     * spared {@code reject} is quarantined, one spared {@code quarantine} gets no DMARC action.
     */
    Policy weaker() {
        return switch (this) {
            case REJECT -> QUARANTINE;
            case QUARANTINE, NONE -> NONE;
        };
    }
}
