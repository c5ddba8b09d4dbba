package org.godshell.toaster.dkim;

import java.util.Locale;

/**
 * The result of verifying one DKIM signature, with the words of RFC 8601 §2.7.1 (the {@code dkim=} method of
 * Authentication-Results). RFC 6376 §3.9 has only SUCCESS, PERMFAIL and TEMPFAIL; RFC 8601 splits them so a
 * reader can tell a forgery ({@link #FAIL}) from a signature nobody could check ({@link #PERMERROR}).
 */
public enum DkimResult {
    /** The signature verified, over the whole body and every From header field. */
    PASS,
    /** The body or the signed header fields are not what was signed (RFC 6376 §6.1.3). */
    FAIL,
    /**
     * The signature verified but leaves room for additions nobody signed, so it vouches for less than the
     * message: a From header field it does not cover (§8.15), or an {@code l=} shorter than the body (§8.2).
     */
    POLICY,
    /** Not verified: more signatures than {@link Verifier#MAX_SIGNATURES} in one message. */
    NEUTRAL,
    /** The key could not be fetched (DNS failure or timeout); a retry may verify it. Never a pass. */
    TEMPERROR,
    /** The signature or its key cannot be used: syntax, missing or revoked key, expired, refused algorithm. */
    PERMERROR;

    /** The word as Authentication-Results writes it: {@code pass}, {@code permerror}, ... */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
