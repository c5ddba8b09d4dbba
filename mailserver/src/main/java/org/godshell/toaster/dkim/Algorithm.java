package org.godshell.toaster.dkim;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;

/**
 * The two signing algorithms a DKIM signer may use today: {@code rsa-sha256} (RFC 6376 §3.3.1; RFC 8301 drops
 * {@code rsa-sha1}) with the JDK's own provider, and {@code ed25519-sha256} (RFC 8463) with
 * {@link Ed25519Signatures}, ten times faster than the JDK's.
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
        return switch (this) {
            case ED25519_SHA256 -> Ed25519Signatures.sign(key, BodyHash.sha256().digest(data));
            case RSA_SHA256 -> {
                Signature signer = rsa();
                signer.initSign(key);
                signer.update(data);
                yield signer.sign();
            }
        };
    }

    /** Whether {@code signature} is this algorithm's signature of {@code data} under {@code key}. */
    boolean verify(PublicKey key, byte[] data, byte[] signature) throws InvalidKeyException {
        return switch (this) {
            case ED25519_SHA256 -> Ed25519Signatures.verify(key, BodyHash.sha256().digest(data), signature);
            case RSA_SHA256 -> {
                Signature verifier = rsa();
                verifier.initVerify(key);
                try {
                    verifier.update(data);
                    yield verifier.verify(signature);
                } catch (SignatureException e) {
                    yield false; // a b= of the wrong length or form: not this key's signature
                }
            }
        };
    }

    private static Signature rsa() {
        try {
            return Signature.getInstance("SHA256withRSA");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has SHA256withRSA", e);
        }
    }
}
