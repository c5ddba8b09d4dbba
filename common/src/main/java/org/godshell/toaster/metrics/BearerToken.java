package org.godshell.toaster.metrics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The secret a scraper sends as {@code Authorization: Bearer TOKEN} (RFC 6750 §2.1). Both sides are hashed with
 * SHA-256 before {@link MessageDigest#isEqual}, which takes the same time wherever two equal-length arrays differ:
 * hashing first makes the compared lengths equal too, so neither the token's length nor a matching prefix shows
 * in the answer's timing. {@link #toString} never shows it.
 */
public final class BearerToken {

    /** RFC 6750 §2.1: b64token, the characters a token may have; anything else is a mistake in the file. */
    private static final String TOKEN_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/=";

    /** Shorter tokens are guessable; the wiki says how to make one of 32 random bytes. */
    public static final int MIN_LENGTH = 16;
    public static final int MAX_LENGTH = 4096;

    private final byte[] digest;
    /** Kept to be sent: by smtpd's endpoint to the daemons it gathers ({@link SourceFetch}), by the doctor. */
    private final String token;

    private BearerToken(byte[] digest, String token) {
        this.digest = digest;
        this.token = token;
    }

    /** @throws IllegalArgumentException with what is wrong and the fix, for the caller's {@code file:line} */
    public static BearerToken of(String token) {
        Objects.requireNonNull(token, "token");
        if (token.length() < MIN_LENGTH || token.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the token must be " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " characters long; make one with: openssl rand -base64 32");
        }
        for (int i = 0; i < token.length(); i++) {
            if (TOKEN_CHARS.indexOf(token.charAt(i)) < 0) {
                throw new IllegalArgumentException("the token may hold only letters, digits and -._~+/= "
                        + "(RFC 6750 §2.1); make one with: openssl rand -base64 32");
            }
        }
        return new BearerToken(sha256(token), token);
    }

    /** Whether an {@code Authorization} header's value carries this token; null (no header) never does. */
    public boolean admits(String authorization) {
        String presented = "";
        if (authorization != null && authorization.length() > 7
                && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = authorization.substring(7).strip();
        }
        // Always hash and compare, even when no token was presented, so the answer takes the same time.
        boolean equal = MessageDigest.isEqual(digest, sha256(presented));
        return equal && !presented.isEmpty();
    }

    /** The {@code Authorization} header's value that presents this token to an endpoint of this host. */
    public String authorization() {
        return "Bearer " + token;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BearerToken token && MessageDigest.isEqual(digest, token.digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return "BearerToken[(hidden)]";
    }
}
