package org.godshell.toaster.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The wire formats of the PLAIN (RFC 4616) and LOGIN mechanisms, decoded strictly. Names and passwords come
 * out SASLprepped ({@link SaslPrep}, RFC 4616 §2 and §5), as {@code toaster user add} prepared the password it
 * hashed, so both sides compare the same form; a string SASLprep refuses is {@link Problem#PROHIBITED}.
 */
public final class Sasl {

    private Sasl() {}

    /** A decoded login: who, and the password (the caller zeroes it). */
    public record Credentials(String user, char[] password) {}

    /** Why a client's response cannot be used; each has its reply (RFC 4954 §4). */
    public enum Problem { CANCELLED, BAD_BASE64, MALFORMED, AUTHZID_MISMATCH, PROHIBITED }

    /** A decoded response or the problem with it. */
    public record Decoded(Optional<Credentials> credentials, Optional<Problem> problem) {
        static Decoded of(Credentials credentials) {
            return new Decoded(Optional.of(credentials), Optional.empty());
        }

        static Decoded failed(Problem problem) {
            return new Decoded(Optional.empty(), Optional.of(problem));
        }
    }

    /**
     * PLAIN: base64 of {@code authzid NUL authcid NUL passwd}. An authorization identity other than the
     * authentication identity (or empty) is refused: nobody logs in as someone else.
     */
    public static Decoded plain(String response) {
        if (response.equals("*")) {
            return Decoded.failed(Problem.CANCELLED);
        }
        Optional<byte[]> bytes = base64(response);
        if (bytes.isEmpty()) {
            return Decoded.failed(Problem.BAD_BASE64);
        }
        byte[] raw = bytes.get();
        int first = indexOf(raw, 0);
        int second = first < 0 ? -1 : indexOf(raw, first + 1);
        if (first < 0 || second < 0 || indexOf(raw, second + 1) >= 0) {
            Arrays.fill(raw, (byte) 0);
            return Decoded.failed(Problem.MALFORMED);
        }
        Optional<String> authzid = utf8(raw, 0, first);
        Optional<String> authcid = utf8(raw, first + 1, second);
        Optional<char[]> password = utf8Chars(raw, second + 1, raw.length);
        Arrays.fill(raw, (byte) 0);
        if (authzid.isEmpty() || authcid.isEmpty() || password.isEmpty() || authcid.get().isEmpty()) {
            password.ifPresent(p -> Arrays.fill(p, '\0'));
            return Decoded.failed(Problem.MALFORMED);
        }
        Optional<String> user = prepareName(authcid.get());
        Optional<String> as = authzid.get().isEmpty() ? Optional.of("") : prepareName(authzid.get());
        if (user.isEmpty() || as.isEmpty()) {
            Arrays.fill(password.get(), '\0');
            return Decoded.failed(Problem.PROHIBITED);
        }
        if (!as.get().isEmpty() && !as.get().equals(user.get())) {
            Arrays.fill(password.get(), '\0');
            return Decoded.failed(Problem.AUTHZID_MISMATCH);
        }
        return withPassword(user.get(), password.get());
    }

    /** LOGIN's user name step: base64 of the name. */
    public static Decoded loginUser(String response) {
        if (response.equals("*")) {
            return Decoded.failed(Problem.CANCELLED);
        }
        Optional<String> user = base64(response).flatMap(raw -> utf8(raw, 0, raw.length));
        if (user.isEmpty()) {
            return Decoded.failed(base64(response).isEmpty() ? Problem.BAD_BASE64 : Problem.MALFORMED);
        }
        if (user.get().isEmpty() || user.get().indexOf('\0') >= 0) {
            return Decoded.failed(Problem.MALFORMED);
        }
        return prepareName(user.get()).map(u -> Decoded.of(new Credentials(u, new char[0])))
                .orElse(Decoded.failed(Problem.PROHIBITED));
    }

    /** LOGIN's password step, for a user named before. */
    public static Decoded loginPassword(String user, String response) {
        if (response.equals("*")) {
            return Decoded.failed(Problem.CANCELLED);
        }
        Optional<byte[]> raw = base64(response);
        if (raw.isEmpty()) {
            return Decoded.failed(Problem.BAD_BASE64);
        }
        Optional<char[]> password = utf8Chars(raw.get(), 0, raw.get().length);
        Arrays.fill(raw.get(), (byte) 0);
        return password.map(p -> withPassword(user, p)).orElse(Decoded.failed(Problem.MALFORMED));
    }

    /** A name SASLprepped; empty when SASLprep refuses it or nothing is left of it. */
    static Optional<String> prepareName(String name) {
        return SaslPrep.prepare(name).filter(prepared -> !prepared.isEmpty());
    }

    /** The credentials with the password SASLprepped; the decoded one is zeroed either way. */
    private static Decoded withPassword(String user, char[] decoded) {
        Optional<char[]> prepared = SaslPrep.prepare(decoded);
        Arrays.fill(decoded, '\0');
        return prepared.map(p -> Decoded.of(new Credentials(user, p))).orElse(Decoded.failed(Problem.PROHIBITED));
    }

    /** Strict base64 (RFC 4648 §4, padding as required); "=" alone is the empty string (RFC 4954 §4). */
    static Optional<byte[]> base64(String text) {
        if (text.equals("=")) {
            return Optional.of(new byte[0]);
        }
        if (text.isEmpty() || text.length() % 4 != 0 || !text.matches("[A-Za-z0-9+/]+={0,2}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    static Optional<String> utf8(byte[] bytes, int from, int to) {
        return utf8Chars(bytes, from, to).map(String::new);
    }

    private static Optional<char[]> utf8Chars(byte[] bytes, int from, int to) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, from, to - from));
            char[] out = new char[chars.remaining()];
            chars.get(out);
            return Optional.of(out);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
