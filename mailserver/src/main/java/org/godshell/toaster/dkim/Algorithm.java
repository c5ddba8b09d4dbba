package org.godshell.toaster.dkim;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;

/**
 * The two signing algorithms a DKIM signer may use today: {@code rsa-sha256} (RFC 6376 §3.3.1; RFC 8301 drops
 * {@code rsa-sha1}) and {@code ed25519-sha256} (RFC 8463), both with the JDK's own providers.
 */
public enum Algorithm {
    RSA_SHA256("rsa-sha256", "rsa"),
    ED25519_SHA256("ed25519-sha256", "ed25519");

    private final String word;
    private final String keyType;
    Algorithm(String word, String keyType) {
        this.word = word;
        this.keyType = keyType;
    }

    /** The {@code a=} value. */
    public String word() {
        return word;
    }

    /** The {@code k=} value of its key records. */
    public String keyType() {
        return keyType;
    }

    /** The algorithm for a key of the JDK: RSA or Ed25519 ("EdDSA" for some providers). */
    static Algorithm forKey(java.security.Key key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> RSA_SHA256;
            case "Ed25519", "EdDSA" -> ED25519_SHA256;
            default -> throw new IllegalArgumentException("a " + key.getAlgorithm()
                    + " key; DKIM signs with RSA (rsa-sha256) or Ed25519 (ed25519-sha256)");
        };
    }

    /** Reads an {@code a=} value; {@code rsa-sha1} is refused as RFC 8301 §3.1 says. */
    static Algorithm of(String word) throws DkimError {
        for (Algorithm algorithm : values()) {
            if (algorithm.word.equals(Text.lower(word))) {
                return algorithm;
            }
        }
        if ("rsa-sha1".equals(Text.lower(word))) {
            throw DkimError.perm("a=rsa-sha1 is refused: RFC 8301 §3.1 forbids verifying it");
        }
        throw DkimError.perm("unknown algorithm a=" + Text.printable(word, 30));
    }

    /** Signs the header hash input (RFC 6376 §3.7); Ed25519 signs its SHA-256 hash (RFC 8463 §3). */
    byte[] sign(PrivateKey key, byte[] data) throws GeneralSecurityException {
        Signature signature = engine();
        signature.initSign(key);
        signature.update(input(data));
        return signature.sign();
    }

    /** Whether {@code signature} is this algorithm's signature of {@code data} under {@code key}. */
    boolean verify(PublicKey key, byte[] data, byte[] signature) throws InvalidKeyException {
        Signature verifier = engine();
        verifier.initVerify(key);
        try {
            verifier.update(input(data));
            return verifier.verify(signature);
        } catch (SignatureException e) {
            return false; // a b= of the wrong length or form: not this key's signature
        }
    }

    private byte[] input(byte[] data) {
        return this == ED25519_SHA256 ? BodyHash.sha256().digest(data) : data;
    }

    private Signature engine() {
        try {
            return Signature.getInstance(this == RSA_SHA256 ? "SHA256withRSA" : "Ed25519");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has SHA256withRSA and Ed25519 (JEP 339)", e);
        }
    }
}
