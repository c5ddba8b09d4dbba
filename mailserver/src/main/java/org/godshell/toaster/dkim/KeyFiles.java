package org.godshell.toaster.dkim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.godshell.toaster.io.AtomicFile;
import org.godshell.toaster.io.Handover;

/**
 * DKIM private key files: PEM, PKCS#8 ({@code BEGIN PRIVATE KEY}, what {@code openssl genpkey} writes) for RSA
 * and Ed25519, and also PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) so an OpenDKIM key can be moved over. Written
 * with {@link AtomicFile}, mode 0600: the key is the domain's signature, readable by its owner only.
 */
public final class KeyFiles {

    /** A key file is a few kilobytes (a 4096-bit RSA key is 3.3 KB of PEM); anything larger is not one. */
    public static final int MAX_FILE = 16 * 1024;
    public static final int RSA_BITS = 2048;
    private static final String MODE = "rw-------";

    private KeyFiles() {
    }

    /** A new key pair: RSA of {@value #RSA_BITS} bits (RFC 8301 §3.2 "SHOULD"), or Ed25519. */
    public static KeyPair generate(Algorithm algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm == Algorithm.RSA_SHA256
                    ? "RSA" : "Ed25519");
            if (algorithm == Algorithm.RSA_SHA256) {
                generator.initialize(RSA_BITS);
            }
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK generates RSA and Ed25519 keys", e);
        }
    }

    /** Writes {@code key} as PKCS#8 PEM to {@code file} atomically, mode 0600, handed over before it appears. */
    public static void write(Path file, PrivateKey key, Handover handover) throws IOException {
        AtomicFile.write(file, pem(key), MODE, handover);
    }

    /** The PKCS#8 PEM text of {@code key}, lines of 64 characters (RFC 7468 §2). */
    public static String pem(PrivateKey key) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
    }

    /** Reads a key file; any problem is an {@link IOException} that names the file and the fix. */
    public static PrivateKey read(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE) {
            throw new IOException(file + ": over " + MAX_FILE + " bytes, which is no private key file");
        }
        try {
            return parse(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException | java.nio.charset.CharacterCodingException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses PEM text holding one RSA or Ed25519 private key, unencrypted. */
    public static PrivateKey parse(String pem) throws GeneralSecurityException {
        String text = pem.strip();
        String kind = text.startsWith("-----BEGIN ") && text.indexOf("-----", 11) > 0
                ? text.substring(11, text.indexOf("-----", 11)) : "";
        String end = "-----END " + kind + "-----";
        if (kind.isEmpty() || !text.endsWith(end) || text.indexOf("-----BEGIN ", 1) >= 0) {
            throw new InvalidKeySpecException("not one PEM block (-----BEGIN PRIVATE KEY----- ... -----END "
                    + "PRIVATE KEY-----); make a key with: toaster dkim keygen DOMAIN");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(16 + kind.length(), text.length() - end.length()));
        } catch (IllegalArgumentException e) {
            throw new InvalidKeySpecException("the PEM body is not base64: " + e.getMessage(), e);
        }
        return switch (kind) {
            case "PRIVATE KEY" -> pkcs8(der);
            case "RSA PRIVATE KEY" -> KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Der.rsaPrivateKeyInfo(der)));
            case "ENCRYPTED PRIVATE KEY" -> throw new InvalidKeySpecException("the key is encrypted; decrypt it "
                    + "first: openssl pkey -in KEY -out KEY.plain");
            default -> throw new InvalidKeySpecException("a PEM " + kind + ", not a private key for DKIM (RSA or "
                    + "Ed25519, BEGIN PRIVATE KEY)");
        };
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(spec);
        } catch (InvalidKeySpecException notRsa) {
            try {
                return KeyFactory.getInstance("Ed25519").generatePrivate(spec);
            } catch (InvalidKeySpecException notEd25519) {
                throw new InvalidKeySpecException("neither an RSA nor an Ed25519 private key (an EC or DSA key "
                        + "cannot sign DKIM): " + notRsa.getMessage(), notEd25519);
            }
        }
    }
}
