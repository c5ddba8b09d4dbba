package org.godshell.toaster.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a server keeps to check a SCRAM-SHA-256 login (RFC 5802 §3, RFC 7677): never the password, only the
 * salt, the iteration count and the keys derived from the salted password. The arrays are copied in and out.
 *
 * @param iterations Hi()'s iteration count, at least {@value #MIN_ITERATIONS} (RFC 7677 §4)
 * @param salt       the random salt
 * @param storedKey  H(ClientKey), 32 bytes
 * @param serverKey  HMAC(SaltedPassword, "Server Key"), 32 bytes
 */
public record ScramCredentials(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {

    /** RFC 7677 §4: the iteration count SHOULD be at least 4096; Dovecot refuses fewer. */
    public static final int MIN_ITERATIONS = 4096;

    /** More would make one login a CPU attack; far beyond what any tool writes. */
    public static final int MAX_ITERATIONS = 10_000_000;

    static final int KEY_LENGTH = 32;

    public ScramCredentials {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS || salt.length == 0
                || storedKey.length != KEY_LENGTH || serverKey.length != KEY_LENGTH) {
            throw new IllegalArgumentException("not SCRAM-SHA-256 credentials");
        }
        salt = salt.clone();
        storedKey = storedKey.clone();
        serverKey = serverKey.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] storedKey() {
        return storedKey.clone();
    }

    @Override
    public byte[] serverKey() {
        return serverKey.clone();
    }

    /** Derives the keys from a password (RFC 5802 §3): SaltedPassword = Hi(password, salt, i), Hi being PBKDF2. */
    public static ScramCredentials derive(char[] password, byte[] salt, int iterations) {
        byte[] salted = saltedPassword(password, salt, iterations);
        byte[] clientKey = hmac(salted, "Client Key");
        try {
            return new ScramCredentials(iterations, salt, sha256(clientKey), hmac(salted, "Server Key"));
        } finally {
            Arrays.fill(salted, (byte) 0);
            Arrays.fill(clientKey, (byte) 0);
        }
    }

    /** Whether {@code password} gives this StoredKey; compared in constant time. */
    public boolean matches(char[] password) {
        ScramCredentials derived = derive(password, salt, iterations);
        return MessageDigest.isEqual(derived.storedKey, storedKey);
    }

    /** Dovecot's {@code {SCRAM-SHA-256}} field without the scheme: {@code iterations,salt,StoredKey,ServerKey}. */
    public String dovecot() {
        Base64.Encoder b64 = Base64.getEncoder();
        return iterations + "," + b64.encodeToString(salt) + "," + b64.encodeToString(storedKey) + ","
                + b64.encodeToString(serverKey);
    }

    /** Parses {@link #dovecot} strictly: four fields, a decimal count in range, base64 keys of 32 bytes. */
    public static Optional<ScramCredentials> parseDovecot(String field) {
        String[] parts = field.split(",", -1);
        if (parts.length != 4 || !parts[0].matches("[1-9][0-9]{0,8}")) {
            return Optional.empty();
        }
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            return Optional.of(new ScramCredentials(Integer.parseInt(parts[0]), b64.decode(parts[1]),
                    b64.decode(parts[2]), b64.decode(parts[3])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Credentials for a user that has none (unknown, or stored as SHA-crypt): derived from a server secret and
     * the name, so that the same name always gets the same salt and an observer cannot tell it from a real user
     * (RFC 5802 §9). No password matches them: the keys are not derived from one.
     */
    public static ScramCredentials fake(byte[] secret, String user) {
        byte[] salt = Arrays.copyOf(hmac(secret, "salt\0" + user), 16);
        return new ScramCredentials(MIN_ITERATIONS, salt, hmac(secret, "stored\0" + user),
                hmac(secret, "server\0" + user));
    }

    static byte[] saltedPassword(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, KEY_LENGTH * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java 21", e);
        } finally {
            spec.clearPassword();
        }
    }

    static byte[] hmac(byte[] key, String text) {
        return hmac(key, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 21", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java 21", e);
        }
    }
}
