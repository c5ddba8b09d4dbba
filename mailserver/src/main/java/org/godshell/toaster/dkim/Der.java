package org.godshell.toaster.dkim;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The few DER wrappings the JDK's key factories need around the key forms DKIM meets: a bare PKCS#1 RSA key
 * (OpenDKIM's and older OpenSSL's "RSA PRIVATE KEY", some {@code p=} values) and the raw 32-octet Ed25519 key
 * of RFC 8463 §4.2. Only wraps: every parse is left to the JDK, which refuses malformed input.
 */
final class Der {

    /** AlgorithmIdentifier of rsaEncryption (RFC 8017 A.1): OID 1.2.840.113549.1.1.1, NULL parameters. */
    private static final byte[] RSA = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7,
        0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    /** AlgorithmIdentifier of Ed25519 (RFC 8410 §3): OID 1.3.101.112, no parameters. */
    private static final byte[] ED25519 = {0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70};
    /** The SubjectPublicKeyInfo of an Ed25519 key up to its 32 octets (RFC 8410 §4). */
    private static final byte[] ED25519_SPKI_PREFIX = concat(new byte[] {0x30, 0x2a}, ED25519,
            new byte[] {0x03, 0x21, 0x00});

    private Der() {
    }

    /** SubjectPublicKeyInfo around a PKCS#1 RSAPublicKey. */
    static byte[] rsaPublicKeyInfo(byte[] pkcs1) {
        return tlv(0x30, concat(RSA, tlv(0x03, concat(new byte[] {0}, pkcs1))));
    }

    /** PKCS#8 PrivateKeyInfo (version 0) around a PKCS#1 RSAPrivateKey. */
    static byte[] rsaPrivateKeyInfo(byte[] pkcs1) {
        return tlv(0x30, concat(new byte[] {0x02, 0x01, 0x00}, RSA, tlv(0x04, pkcs1)));
    }

    /** SubjectPublicKeyInfo of a raw 32-octet Ed25519 public key. */
    static byte[] ed25519PublicKeyInfo(byte[] raw) {
        return concat(ED25519_SPKI_PREFIX, raw);
    }

    /** The raw 32 octets of an Ed25519 SubjectPublicKeyInfo, as the JDK encodes it. */
    static byte[] ed25519Raw(byte[] publicKeyInfo) {
        if (publicKeyInfo.length != ED25519_SPKI_PREFIX.length + 32
                || !Arrays.equals(publicKeyInfo, 0, ED25519_SPKI_PREFIX.length, ED25519_SPKI_PREFIX, 0,
                        ED25519_SPKI_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 SubjectPublicKeyInfo");
        }
        return Arrays.copyOfRange(publicKeyInfo, ED25519_SPKI_PREFIX.length, publicKeyInfo.length);
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int octets = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | octets);
            for (int shift = (octets - 1) * 8; shift >= 0; shift -= 8) {
                out.write(length >>> shift);
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
