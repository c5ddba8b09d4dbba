package org.godshell.toaster.arc;

import java.util.Locale;

/**
 * What the ARC chain of a message comes to (RFC 8617 §5.2), with the words of the {@code arc=} method of
 * Authentication-Results: {@code none}, {@code pass}, {@code fail}; and {@code temperror} when DNS did not give a
 * key, which RFC 8617 has no word for but which is no verdict on the chain.
 */
public enum ChainResult {
    /** No ARC field at all: nobody sealed the message. */
    NONE,
    /** Every seal and the newest ARC-Message-Signature verify, over a well-formed chain. */
    PASS,
    /** The chain is malformed, a seal or the newest ARC-Message-Signature does not verify, or a sealer said cv=fail. */
    FAIL,
    /** A key could not be fetched (SERVFAIL, timeout): a retry may tell; never a pass. */
    TEMPERROR;

    /** The word as Authentication-Results writes it: {@code pass}, {@code fail}, ... */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
