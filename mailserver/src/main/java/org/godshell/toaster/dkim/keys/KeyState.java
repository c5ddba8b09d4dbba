package org.godshell.toaster.dkim.keys;

import java.util.Optional;

/**
 * Where a selector is in its life. Every state is published in DNS: a key is published before it signs (so the
 * first signed message already verifies) and after it stops (so messages still in flight or in a queue keep
 * verifying), which is the rotation RFC 6376 §3.1 and M3AAWG's key rotation advice describe.
 */
public enum KeyState {
    /** Signs every outgoing message of the domain. */
    ACTIVE("active"),
    /** Published, not signing yet: waits until the admin sees its DNS record live. */
    PENDING("pending"),
    /** No longer signs; kept (and published) until the admin removes it. */
    RETIRED("retired");

    private final String word;

    KeyState(String word) {
        this.word = word;
    }

    /** The word of the {@code selectors} file and of {@code toaster dkim show}. */
    public String word() {
        return word;
    }

    static Optional<KeyState> of(String word) {
        for (KeyState state : values()) {
            if (state.word.equals(word)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
