package org.godshell.toaster.spf;

import java.util.Locale;

/** The seven results of {@code check_host()} (RFC 7208 §2.6). */
public enum SpfResult {
    NONE, NEUTRAL, PASS, FAIL, SOFTFAIL, TEMPERROR, PERMERROR;

    /** The word as RFC 7208 and the Received-SPF header write it: {@code pass}, {@code softfail}, ... */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A qualifier's result when its mechanism matches (§4.6.2); {@code +} when none is written. */
    static SpfResult ofQualifier(char qualifier) {
        return switch (qualifier) {
            case '-' -> FAIL;
            case '~' -> SOFTFAIL;
            case '?' -> NEUTRAL;
            default -> PASS;
        };
    }
}
