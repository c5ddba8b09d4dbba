package org.godshell.toaster.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The server side of SCRAM-SHA-256 (RFC 5802 §5, RFC 7677) as pure functions: parse the client-first message,
 * build the server-first, verify the client-final and build the server-final. No channel binding: the -PLUS
 * variant is not offered, so a client asking for it ({@code p=}) is refused. Names are SASLprepped
 * (RFC 5802 §5.1, {@link SaslPrep}); one SASLprep refuses ends the exchange. The password is the client's to
 * prepare (RFC 5802 §2.2 Normalize); {@code toaster user add} prepared it the same way before deriving the keys.
 */
public final class Scram {

    public static final String MECHANISM = "SCRAM-SHA-256";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Scram() {}

    /** Why an exchange cannot go on; the SMTP side maps each to its reply. */
    public enum Problem {
        CANCELLED, BAD_BASE64, MALFORMED, CHANNEL_BINDING, AUTHZID_MISMATCH, BINDING_MISMATCH, NONCE_MISMATCH,
        WRONG_PROOF, PROHIBITED
    }

    /** A step's result: its value, or the problem. */
    public sealed interface Outcome<T> {
        record Ok<T>(T value) implements Outcome<T> {}

        record Failed<T>(Problem problem) implements Outcome<T> {}
    }

    /**
     * A parsed client-first message (RFC 5802 §7).
     *
     * @param gs2Header the GS2 header as sent, {@code n,,} or {@code y,,} (with {@code a=} if given)
     * @param user      the decoded user name, SASLprepped
     * @param nonce     the client's nonce
     * @param bare      client-first-message-bare, part of the AuthMessage
     */
    public record ClientFirst(String gs2Header, String user, String nonce, String bare) {}

    /** The client's one-line response decoded: "*" cancels (RFC 4954 §4), else strict base64 of UTF-8 text. */
    public static Outcome<String> decode(String response) {
        if (response.equals("*")) {
            return new Outcome.Failed<>(Problem.CANCELLED);
        }
        Optional<byte[]> raw = Sasl.base64(response);
        if (raw.isEmpty()) {
            return new Outcome.Failed<>(Problem.BAD_BASE64);
        }
        try {
            return new Outcome.Ok<>(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(raw.get()))
                    .toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            return new Outcome.Failed<>(Problem.MALFORMED);
        }
    }

    /** RFC 5802 §7: gs2-header client-first-message-bare; {@code p=} (channel binding) and {@code m=} refused. */
    public static Outcome<ClientFirst> clientFirst(String message) {
        String[] parts = message.split(",", -1);
        if (parts.length < 4) {
            return new Outcome.Failed<>(Problem.MALFORMED);
        }
        if (parts[0].startsWith("p=")) {
            return new Outcome.Failed<>(Problem.CHANNEL_BINDING);
        }
        if (!parts[0].equals("n") && !parts[0].equals("y")
                || !parts[1].isEmpty() && !parts[1].startsWith("a=")) {
            return new Outcome.Failed<>(Problem.MALFORMED);
        }
        Optional<String> authzid = parts[1].isEmpty() ? Optional.of("") : saslname(parts[1].substring(2));
        Optional<String> user = parts[2].startsWith("n=") ? saslname(parts[2].substring(2)) : Optional.empty();
        String nonce = parts[3].startsWith("r=") ? parts[3].substring(2) : "";
        if (authzid.isEmpty() || user.isEmpty() || !printable(nonce) || !extensions(parts, 4)) {
            return new Outcome.Failed<>(Problem.MALFORMED);
        }
        Optional<String> name = Sasl.prepareName(user.get());
        Optional<String> as = authzid.get().isEmpty() ? Optional.of("") : Sasl.prepareName(authzid.get());
        if (name.isEmpty() || as.isEmpty()) {
            return new Outcome.Failed<>(Problem.PROHIBITED);
        }
        if (!as.get().isEmpty() && !as.get().equals(name.get())) {
            return new Outcome.Failed<>(Problem.AUTHZID_MISMATCH);
        }
        String header = parts[0] + "," + parts[1] + ",";
        return new Outcome.Ok<>(new ClientFirst(header, name.get(), nonce, message.substring(header.length())));
    }

    /** A fresh server nonce: 18 random bytes in base64, so printable and without a comma (RFC 5802 §5.1). */
    public static String serverNonce() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * One exchange after the client-first message: what the server sent and what it checks the proof with.
     *
     * @param nonce the combined nonce, client's then server's
     */
    public record Exchange(ClientFirst first, ScramCredentials credentials, String nonce) {

        public static Exchange start(ClientFirst first, ScramCredentials credentials, String serverNonce) {
            return new Exchange(first, credentials, first.nonce() + serverNonce);
        }

        /** RFC 5802 §7 server-first-message: {@code r=nonce,s=salt,i=iterations}. */
        public String serverFirst() {
            return "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(credentials.salt()) + ",i="
                    + credentials.iterations();
        }

        /**
         * Verifies a client-final message (RFC 5802 §3, §7) and returns the server-final ({@code v=...}):
         * the channel binding must be the base64 GS2 header, the nonce the combined one, and
         * H(ClientProof XOR HMAC(StoredKey, AuthMessage)) must equal StoredKey.
         */
        public Outcome<String> clientFinal(String message) {
            int at = message.lastIndexOf(",p=");
            if (at < 0) {
                return new Outcome.Failed<>(Problem.MALFORMED);
            }
            String withoutProof = message.substring(0, at);
            String[] parts = withoutProof.split(",", -1);
            Optional<byte[]> proof = Sasl.base64(message.substring(at + 3));
            if (parts.length < 2 || !parts[0].startsWith("c=") || !parts[1].startsWith("r=")
                    || !extensions(parts, 2) || proof.isEmpty()
                    || proof.get().length != ScramCredentials.KEY_LENGTH) {
                return new Outcome.Failed<>(Problem.MALFORMED);
            }
            Optional<byte[]> binding = Sasl.base64(parts[0].substring(2));
            if (binding.isEmpty() || !Arrays.equals(binding.get(), first.gs2Header().getBytes(StandardCharsets.UTF_8))) {
                return new Outcome.Failed<>(Problem.BINDING_MISMATCH);
            }
            if (!parts[1].substring(2).equals(nonce)) {
                return new Outcome.Failed<>(Problem.NONCE_MISMATCH);
            }
            String authMessage = first.bare() + "," + serverFirst() + "," + withoutProof;
            byte[] signature = ScramCredentials.hmac(credentials.storedKey(), authMessage);
            byte[] clientKey = proof.get();
            for (int i = 0; i < clientKey.length; i++) {
                clientKey[i] ^= signature[i];
            }
            boolean valid = MessageDigest.isEqual(ScramCredentials.sha256(clientKey), credentials.storedKey());
            Arrays.fill(clientKey, (byte) 0);
            if (!valid) {
                return new Outcome.Failed<>(Problem.WRONG_PROOF);
            }
            byte[] serverSignature = ScramCredentials.hmac(credentials.serverKey(), authMessage);
            return new Outcome.Ok<>("v=" + Base64.getEncoder().encodeToString(serverSignature));
        }
    }

    /** RFC 5802 §7 saslname: no NUL, "," only as "=2C" and "=" only as "=3D"; not empty. */
    static Optional<String> saslname(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return Optional.empty();
            }
            if (c == '=') {
                String escape = text.substring(i, Math.min(i + 3, text.length()));
                if (!escape.equals("=2C") && !escape.equals("=3D")) {
                    return Optional.empty();
                }
                out.append(escape.equals("=2C") ? ',' : '=');
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out.toString());
    }

    /** RFC 5802 §7 printable: %x21-2B / %x2D-7E, one or more. */
    private static boolean printable(String nonce) {
        return !nonce.isEmpty() && nonce.chars().allMatch(c -> c >= 0x21 && c <= 0x7E && c != ',');
    }

    /** Optional extensions from {@code from} on: {@code attr=value}, a letter other than the mandatory {@code m}. */
    private static boolean extensions(String[] parts, int from) {
        for (int i = from; i < parts.length; i++) {
            if (!parts[i].matches("[a-ln-zA-Z]=.*")) {
                return false;
            }
        }
        return true;
    }
}
