package org.godshell.toaster.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The server side of CRAM-MD5 (RFC 2195) as pure functions: the challenge, the parsed response, the check.
 * The client answers {@code base64(user SP hex(HMAC-MD5(password, challenge)))}. Off unless the admin lists it
 * in {@code control/smtpauthmechs}: it needs a password-equivalent secret on the server, and rests on MD5.
 */
public final class CramMd5 {

    public static final String MECHANISM = "CRAM-MD5";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Why a response cannot be used; the SMTP side maps each to its reply. */
    public enum Problem { CANCELLED, BAD_BASE64, MALFORMED, PROHIBITED }

    /** A parsed response: the user name (SASLprepped) and the 16-byte digest, or the problem. */
    public sealed interface Response {
        record Ok(String user, byte[] digest) implements Response {}

        record Failed(Problem problem) implements Response {}
    }

    private CramMd5() {}

    /**
     * RFC 2195 §2: a challenge in msg-id form, {@code <random.timestamp@hostname>}; the random part is 64 bits
     * from a SecureRandom, so a challenge is never repeated and cannot be predicted, and the timestamp (ms) makes
     * it unique even if the random part repeated.
     */
    public static String challenge(String hostname, Clock clock) {
        return "<" + Long.toUnsignedString(RANDOM.nextLong()) + "." + clock.millis() + "@" + hostname + ">";
    }

    /**
     * The client's line: "*" cancels (RFC 4954 §4); else strict base64 of UTF-8 {@code user SP digest}, the
     * digest 32 hex digits (RFC 2195 §2 writes them lowercase; uppercase is read too). The user is the text
     * before the last space, SASLprepped; a name SASLprep refuses, or one that prepares to nothing, is
     * {@link Problem#PROHIBITED}.
     */
    public static Response response(String line) {
        if (line.equals("*")) {
            return new Response.Failed(Problem.CANCELLED);
        }
        Optional<byte[]> raw = Sasl.base64(line);
        if (raw.isEmpty()) {
            return new Response.Failed(Problem.BAD_BASE64);
        }
        Optional<String> text = Sasl.utf8(raw.get(), 0, raw.get().length);
        int space = text.map(t -> t.lastIndexOf(' ')).orElse(-1);
        if (space <= 0) {
            return new Response.Failed(Problem.MALFORMED);
        }
        String digest = text.get().substring(space + 1);
        if (digest.length() != 32 || !digest.chars().allMatch(c -> c < 0x80 && Character.digit(c, 16) >= 0)) {
            return new Response.Failed(Problem.MALFORMED);
        }
        Optional<String> user = Sasl.prepareName(text.get().substring(0, space));
        return user.<Response>map(u -> new Response.Ok(u, HexFormat.of().parseHex(digest)))
                .orElse(new Response.Failed(Problem.PROHIBITED));
    }

    /** Whether {@code digest} is HMAC-MD5 of the challenge under the secret's key; compared in constant time. */
    public static boolean verify(CramMd5Secret secret, String challenge, byte[] digest) {
        return MessageDigest.isEqual(secret.hmac(challenge.getBytes(StandardCharsets.US_ASCII)), digest);
    }
}
