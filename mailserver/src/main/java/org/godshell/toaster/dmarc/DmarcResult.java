package org.godshell.toaster.dmarc;

import java.util.Locale;

/** The DMARC results an Authentication-Results header records (RFC 7489 §11.2). */
public enum DmarcResult {
    /** An aligned SPF or DKIM pass. */
    PASS,
    /** A policy was found and nothing aligned passed. */
    FAIL,
    /** No policy: no DMARC record, or several (§6.6.3 step 6). */
    NONE,
    /** A DNS failure, or an aligned check that failed temporarily: try again later, never a pass. */
    TEMPERROR,
    /** An unusable record, or a message DMARC cannot judge (no From, several From fields or authors). */
    PERMERROR;

    /** The word as Authentication-Results writes it: {@code pass}, {@code permerror}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
