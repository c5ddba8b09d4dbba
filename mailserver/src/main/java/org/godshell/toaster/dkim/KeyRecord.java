package org.godshell.toaster.dkim;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;

/**
 * A DKIM key record from DNS (RFC 6376 §3.6.1), checked: {@code v=DKIM1} first if present, {@code k=rsa} or
 * {@code k=ed25519} (RFC 8463 §4.2: the raw 32-octet key), {@code h=} allowing sha256, {@code s=} allowing
 * email, a non-empty {@code p=} (empty means revoked, §3.6.1). RSA keys from 1024 bits (RFC 8301 §3.2: smaller
 * ones MUST NOT be considered valid) to 4096 bits (larger ones cost a verifier more than any signer needs).
 *
 * @param type    the algorithm the key is for
 * @param bits    the RSA modulus size, or 256 for Ed25519
 * @param testing {@code t=y}: the domain is testing DKIM (§3.6.1); reported, not otherwise acted on
 * @param strict  {@code t=s}: {@code i=} must be exactly {@code d=}, no subdomain
 */
record KeyRecord(Algorithm type, PublicKey key, int bits, boolean testing, boolean strict) {

    /** TXT text longer than this is no key record we will read (a 4096-bit record is about 750 characters). */
    static final int MAX_RECORD = 4096;
    /** Base64 of a 4096-bit SubjectPublicKeyInfo is 736 characters; anything much longer is refused undecoded. */
    static final int MAX_P = 1024;
    static final int MIN_RSA_BITS = 1024;
    static final int MAX_RSA_BITS = 4096;

    static KeyRecord parse(String text) throws DkimError {
        TagList tags = TagList.parse(text, MAX_RECORD);
        String what = "the key record";
        if (tags.get("v").isPresent()
                && (!tags.tags().getFirst().name().equals("v") || !tags.get("v").get().equals("DKIM1"))) {
            throw DkimError.perm("v= of the key record is not DKIM1 as its first tag (RFC 6376 §3.6.1)");
        }
        Algorithm type = switch (Text.lower(tags.get("k").orElse("rsa"))) {
            case "rsa" -> Algorithm.RSA_SHA256;
            case "ed25519" -> Algorithm.ED25519_SHA256;
            default -> throw DkimError.perm("unknown key type k=" + Text.printable(tags.get("k").get(), 20));
        };
        if (tags.get("h").isPresent() && !list(tags.get("h").get()).contains("sha256")) {
            throw DkimError.perm("the key's h= does not allow sha256");
        }
        if (tags.get("s").isPresent() && list(tags.get("s").get()).stream()
                .noneMatch(service -> service.equals("*") || service.equals("email"))) {
            throw DkimError.perm("the key's s= does not allow email");
        }
        List<String> flags = list(tags.get("t").orElse(""));
        String p = tags.required("p", what);
        if (p.isEmpty()) {
            throw DkimError.perm("the key is revoked (empty p=, RFC 6376 §3.6.1)");
        }
        if (p.length() > MAX_P) {
            throw DkimError.perm("p= of " + p.length() + " characters, over the " + MAX_P + " of a 4096-bit key");
        }
        byte[] encoded = Text.base64("p", p);
        return switch (type) {
            case RSA_SHA256 -> rsa(encoded, flags);
            case ED25519_SHA256 -> ed25519(encoded, flags);
        };
    }

    private static KeyRecord rsa(byte[] encoded, List<String> flags) throws DkimError {
        RSAPublicKey key;
        try {
            key = (RSAPublicKey) decode("RSA", encoded);
        } catch (GeneralSecurityException spki) {
            try { // some publishers put the bare PKCS#1 RSAPublicKey in p=, which RFC 6376 §3.6.1 also names
                key = (RSAPublicKey) decode("RSA", Der.rsaPublicKeyInfo(encoded));
            } catch (GeneralSecurityException pkcs1) {
                throw DkimError.perm("p= is not an RSA public key: " + spki.getMessage());
            }
        }
        BigInteger modulus = key.getModulus();
        int bits = modulus.bitLength();
        if (bits < MIN_RSA_BITS) {
            throw DkimError.perm("RSA key of " + bits + " bits, under the " + MIN_RSA_BITS + " RFC 8301 §3.2 requires");
        }
        if (bits > MAX_RSA_BITS) {
            throw DkimError.perm("RSA key of " + bits + " bits, over the " + MAX_RSA_BITS + " accepted");
        }
        return new KeyRecord(Algorithm.RSA_SHA256, key, bits, flags.contains("y"), flags.contains("s"));
    }

    private static KeyRecord ed25519(byte[] raw, List<String> flags) throws DkimError {
        if (raw.length != 32) {
            throw DkimError.perm("an Ed25519 p= holds " + raw.length + " octets, not the 32 of RFC 8463 §4.2");
        }
        try {
            PublicKey key = decode("Ed25519", Der.ed25519PublicKeyInfo(raw));
            return new KeyRecord(Algorithm.ED25519_SHA256, key, 256, flags.contains("y"), flags.contains("s"));
        } catch (GeneralSecurityException e) {
            throw DkimError.perm("p= is not an Ed25519 public key: " + e.getMessage());
        }
    }

    private static PublicKey decode(String algorithm, byte[] encoded) throws GeneralSecurityException {
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(encoded));
    }

    /** A colon-separated tag value (§3.6.1 {@code h=}, {@code s=}, {@code t=}), lower case, trimmed. */
    private static List<String> list(String value) {
        return List.of(Text.lower(value).split("\\s*:\\s*"));
    }
}
