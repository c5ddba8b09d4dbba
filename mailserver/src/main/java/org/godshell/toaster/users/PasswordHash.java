package org.godshell.toaster.users;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.godshell.toaster.auth.CramMd5Secret;
import org.godshell.toaster.auth.ScramCredentials;

/**
 * Password hashes in the crypt(3) forms Dovecot reads from a passwd-file: {@code {SHA512-CRYPT}$6$...} is what
 * the toaster writes, {@code {SHA256-CRYPT}$5$...} is also accepted, and so are the old {@code {MD5-CRYPT}} and
 * {@code {CRYPT}} of users moved from another system ({@link LegacyCrypt}: read, never written). Plaintext and
 * other schemes ({@code {PLAIN}}, {@code {BLF-CRYPT}}, ...) are not "unknown users": they are malformed lines,
 * reported by the CLI and never matched.
 *
 * <p>New hashes use {@value #ROUNDS} rounds, the default of glibc's crypt and of Dovecot's own
 * {@code doveadm pw -s SHA512-CRYPT}, written explicitly ({@code rounds=5000}) so that a later change of default
 * cannot change how an existing line is read.
 *
 * <p>{@code {SCRAM-SHA-256}iterations,salt,StoredKey,ServerKey} (Dovecot's form, base64 fields, RFC 5802 §3 keys)
 * serves SCRAM-SHA-256 logins and, by deriving the keys again, PLAIN and LOGIN too; new ones use
 * {@value org.godshell.toaster.auth.ScramCredentials#MIN_ITERATIONS} iterations (RFC 7677 §4) and a 16-byte salt.
 *
 * <p>{@code {CRAM-MD5}} plus 64 hex digits (Dovecot's HMAC-MD5 context, see {@link CramMd5Secret}) serves
 * CRAM-MD5 and, by deriving the context again, PLAIN and LOGIN. It has no salt and is password-equivalent for
 * CRAM-MD5: written only when the admin asks for it.
 *
 * <p>Passwords reach this class SASLprepped (RFC 4013): by the CLI before hashing, by the SASL decoders at login.
 */
final class PasswordHash {

    /** glibc's and Dovecot's default for SHA-crypt. */
    static final int ROUNDS = 5000;

    /** Longer passwords are refused: SHA-crypt's work grows with the length, so a huge one is a CPU attack. */
    static final int MAX_PASSWORD = 1024;

    static final String SHA512 = "{SHA512-CRYPT}";
    static final String SHA256 = "{SHA256-CRYPT}";
    static final String SCRAM = "{SCRAM-SHA-256}";
    static final String CRAM_MD5 = "{CRAM-MD5}";

    private static final String SALT_CHARS = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final Pattern SHA512_FORM = Pattern.compile("\\$6\\$(rounds=[1-9][0-9]{3,8}\\$)?[./0-9A-Za-z]{1,16}\\$[./0-9A-Za-z]{86}");
    private static final Pattern SHA256_FORM = Pattern.compile("\\$5\\$(rounds=[1-9][0-9]{3,8}\\$)?[./0-9A-Za-z]{1,16}\\$[./0-9A-Za-z]{43}");

    /** The crypt function itself, a seam so that tests can count calls; production always uses {@link #CRYPT3}. */
    @FunctionalInterface
    interface Crypt {
        String crypt(byte[] key, String saltOrHash);
    }

    /**
     * commons-codec's crypt(3), choosing by the salt as glibc does: {@code $6$} SHA-512, {@code $5$} SHA-256,
     * {@code $1$} MD5, and traditional DES for a salt without {@code $}. {@link #problem} has checked that the
     * hash has the form its {@code {SCHEME}} names, so the scheme and the computation agree.
     */
    static final Crypt CRYPT3 = org.apache.commons.codec.digest.Crypt::crypt;

    /**
     * What an unknown user's password is checked against, so that "no such user" costs one SHA512-CRYPT with
     * the default rounds, as a wrong password does. Fixed and public: it matches no password anyone knows of,
     * and it is never a user's hash.
     */
    static final String DUMMY = SHA512 + Sha2Crypt.sha512Crypt(
            "no user has this password".getBytes(StandardCharsets.UTF_8), "$6$rounds=" + ROUNDS + "$toasterdummy0000");

    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {
    }

    /** A new {@code {SHA512-CRYPT}} hash with a random 16-character salt (the most SHA-crypt uses). */
    static String hash(char[] password) {
        StringBuilder salt = new StringBuilder("$6$rounds=" + ROUNDS + "$");
        for (int i = 0; i < 16; i++) {
            salt.append(SALT_CHARS.charAt(RANDOM.nextInt(SALT_CHARS.length())));
        }
        byte[] key = utf8(password).orElseThrow(() -> new IllegalArgumentException("password is not valid text"));
        try {
            return SHA512 + Sha2Crypt.sha512Crypt(key, salt.toString());
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** A new hash of {@code password} in {@code scheme}, with a random salt. */
    static String hash(char[] password, PasswordScheme scheme) {
        if (scheme == PasswordScheme.SHA512_CRYPT) {
            return hash(password);
        }
        if (scheme == PasswordScheme.CRAM_MD5) {
            byte[] key = utf8(password).orElseThrow(() -> new IllegalArgumentException("password is not valid text"));
            try {
                return CRAM_MD5 + CramMd5Secret.derive(key).dovecot();
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return SCRAM + ScramCredentials.derive(password, salt, ScramCredentials.MIN_ITERATIONS).dovecot();
    }

    /** The SCRAM credentials of a stored field, when it is a well-formed {@code {SCRAM-SHA-256}} one. */
    static Optional<ScramCredentials> scram(String field) {
        return field.startsWith(SCRAM) ? ScramCredentials.parseDovecot(field.substring(SCRAM.length()))
                : Optional.empty();
    }

    /** The CRAM-MD5 secret of a stored field, when it is a well-formed {@code {CRAM-MD5}} one. */
    static Optional<CramMd5Secret> cramMd5(String field) {
        return field.startsWith(CRAM_MD5) ? CramMd5Secret.parseDovecot(field.substring(CRAM_MD5.length()))
                : Optional.empty();
    }

    /** Whether a stored password field has a scheme and form this store accepts; the problem text if not. */
    static Optional<String> problem(String field) {
        if (field.startsWith(SHA512)) {
            return SHA512_FORM.matcher(field.substring(SHA512.length())).matches() ? Optional.empty()
                    : Optional.of("the " + SHA512 + " hash is not in crypt's $6$[rounds=N$]salt$hash form");
        }
        if (field.startsWith(SHA256)) {
            return SHA256_FORM.matcher(field.substring(SHA256.length())).matches() ? Optional.empty()
                    : Optional.of("the " + SHA256 + " hash is not in crypt's $5$[rounds=N$]salt$hash form");
        }
        if (field.startsWith(SCRAM)) {
            return scram(field).isPresent() ? Optional.empty()
                    : Optional.of("the " + SCRAM + " field is not Dovecot's iterations,salt,StoredKey,ServerKey"
                    + " (base64, at least " + ScramCredentials.MIN_ITERATIONS + " and at most "
                    + ScramCredentials.MAX_ITERATIONS + " iterations, 32-byte keys)");
        }
        if (field.startsWith(CRAM_MD5)) {
            return cramMd5(field).isPresent() ? Optional.empty()
                    : Optional.of("the " + CRAM_MD5 + " field is not Dovecot's HMAC-MD5 context (64 hex digits)");
        }
        if (LegacyCrypt.scheme(field)) {
            return LegacyCrypt.problem(field);
        }
        int end = field.indexOf('}');
        String scheme = field.startsWith("{") && end > 0 ? field.substring(0, end + 1) : "a password without {SCHEME}";
        return Optional.of("unsupported password scheme " + Address.printable(scheme)
                + ": only {SHA512-CRYPT}, {SHA256-CRYPT}, {SCRAM-SHA-256}, {CRAM-MD5}, {MD5-CRYPT} and {CRYPT} are"
                + " accepted; set a new one with toaster user passwd");
    }

    /**
     * Whether {@code password} matches {@code stored} (a field that passed {@link #problem}). Runs the crypt
     * exactly once whatever the input; a password that is empty, not valid text or too long is hashed as the
     * empty one and never matches, so that bad input costs the same work. A {@link LegacyCrypt} hash costs
     * microseconds where the dummy of an unknown user costs milliseconds, so it runs the dummy's crypt as well:
     * a fast answer must not tell that an address exists.
     */
    static boolean matches(Crypt crypt, String stored, char[] password) {
        if (stored.startsWith(SCRAM)) {
            return matchesScram(stored, password);
        }
        if (stored.startsWith(CRAM_MD5)) {
            return matchesCramMd5(stored, password);
        }
        boolean usable = password != null && password.length > 0 && password.length <= MAX_PASSWORD;
        Optional<byte[]> key = usable ? utf8(password) : Optional.empty();
        byte[] bytes = key.orElseGet(() -> new byte[0]);
        String hash = hashOf(stored);
        try {
            String computed = crypt.crypt(bytes, hash);
            // Constant-time comparison: the time must not tell how much of the hash was right.
            boolean same = MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
                    hash.getBytes(StandardCharsets.US_ASCII));
            if (LegacyCrypt.scheme(stored)) {
                // A key of the same length: SHA-crypt's work grows with it, as for an unknown user's attempt.
                crypt.crypt(new byte[bytes.length], hashOf(DUMMY));
            }
            return same && key.isPresent();
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * Whether a stored field is weaker than what {@link #hash(char[])} writes, so that a successful login may
     * replace it ({@link Rehash}): the old crypt schemes and SHA-256-crypt. SCRAM and CRAM-MD5 are the admin's
     * choice for the mechanisms they serve and stay as they are.
     */
    static boolean outdated(String stored) {
        return LegacyCrypt.scheme(stored) || stored.startsWith(SHA256);
    }

    /** The scheme of a stored field, {@code {SCHEME}}, for the log. */
    static String scheme(String stored) {
        return stored.substring(0, stored.indexOf('}') + 1);
    }

    private static String hashOf(String stored) {
        return stored.substring(stored.indexOf('}') + 1);
    }

    /** SCRAM: derives the keys again with the stored salt and count; bad input runs the same work, unmatched. */
    private static boolean matchesScram(String stored, char[] password) {
        ScramCredentials credentials = scram(stored).orElseThrow();
        boolean usable = password != null && password.length > 0 && password.length <= MAX_PASSWORD
                && utf8(password).isPresent();
        char[] candidate = usable ? password : "\0not a password\0".toCharArray();
        return credentials.matches(candidate) && usable;
    }

    /** CRAM-MD5: derives the context again and compares in constant time; bad input runs the same work, unmatched. */
    private static boolean matchesCramMd5(String stored, char[] password) {
        CramMd5Secret secret = cramMd5(stored).orElseThrow();
        Optional<byte[]> key = password == null || password.length > MAX_PASSWORD ? Optional.empty() : utf8(password);
        byte[] bytes = key.orElseGet(() -> new byte[0]);
        try {
            return secret.matches(bytes) && key.isPresent();
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** UTF-8 bytes of a password, without a String copy that could not be wiped; empty when it is not text. */
    static Optional<byte[]> utf8(char[] password) {
        try {
            ByteBuffer buffer = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(password));
            byte[] bytes = Arrays.copyOfRange(buffer.array(), buffer.position(), buffer.limit());
            Arrays.fill(buffer.array(), (byte) 0);
            return Optional.of(bytes);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
