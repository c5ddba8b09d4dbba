package org.godshell.toaster.dmarc;

import java.util.Locale;
import java.util.Objects;

/**
 * What DMARC needs to know of one DKIM signature's verification, whoever verified it: the signing domain, the
 * result, and whether the signature covered the whole body. A small record of this package's own, so the DKIM
 * verifier maps its results onto it and DMARC depends on no verifier.
 *
 * @param domain    the signature's {@code d=}, as written
 * @param result    the verification's result
 * @param wholeBody false when {@code l=} left part of the body unsigned: such a pass does not count for DMARC,
 *                  since anyone may append a body of their own to a signed message (RFC 6376 §8.2)
 */
public record DkimCheck(String domain, Result result, boolean wholeBody) {

    /** The results of RFC 8601 §2.7.1. */
    public enum Result {
        NONE, PASS, FAIL, POLICY, NEUTRAL, TEMPERROR, PERMERROR;

        /** The word as Authentication-Results writes it: {@code pass}, {@code temperror}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public DkimCheck {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(result, "result");
    }
}
