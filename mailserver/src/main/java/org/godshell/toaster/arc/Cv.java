package org.godshell.toaster.arc;

import java.util.Locale;
import java.util.Optional;

/**
 * The chain validation status a sealer writes in its ARC-Seal, {@code cv=} (RFC 8617 §4.1.3): what it found the
 * chain to be when the message reached it. The words are ABNF literals, so their case does not matter.
 */
enum Cv {
    NONE, PASS, FAIL;

    String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Cv> of(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "none" -> Optional.of(NONE);
            case "pass" -> Optional.of(PASS);
            case "fail" -> Optional.of(FAIL);
            default -> Optional.empty();
        };
    }
}
