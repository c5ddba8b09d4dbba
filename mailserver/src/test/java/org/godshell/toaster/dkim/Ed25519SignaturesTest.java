package org.godshell.toaster.dkim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bouncy Castle's Ed25519 held against the JDK's: the same signatures, the same answers to forged ones. */
class Ed25519SignaturesTest {

    private static final KeyPair KEYS = KeyFiles.generate(Algorithm.ED25519_SHA256);
    private static final KeyPair OTHER = KeyFiles.generate(Algorithm.ED25519_SHA256);

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 32, 64, 1000})
    void signsWhatTheJdkSigns(int length) throws Exception {
        byte[] message = message(length);
        assertArrayEquals(jdkSignature(message), Ed25519Signatures.sign(KEYS.getPrivate(), message));
    }

    @Test
    void verifiesTheJdksSignatureAndNothingElse() throws Exception {
        byte[] message = message(32);
        byte[] signature = jdkSignature(message);
        assertTrue(Ed25519Signatures.verify(KEYS.getPublic(), message, signature));

        byte[] changedSignature = signature.clone();
        changedSignature[10] ^= 1;
        assertFalse(Ed25519Signatures.verify(KEYS.getPublic(), message, changedSignature));
        byte[] changedMessage = message.clone();
        changedMessage[0] ^= 1;
        assertFalse(Ed25519Signatures.verify(KEYS.getPublic(), changedMessage, signature));
        assertFalse(Ed25519Signatures.verify(OTHER.getPublic(), message, signature), "another key");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 63, 65, 128, 1_000_000})
    void aSignatureOfTheWrongLengthIsNoSignature(int length) throws Exception {
        byte[] message = message(32);
        byte[] signature = Arrays.copyOf(jdkSignature(message), length);
        assertFalse(Ed25519Signatures.verify(KEYS.getPublic(), message, signature));
    }

    @Test
    void refusesKeysOfAnotherAlgorithm() {
        KeyPair rsa = KeyFiles.generate(Algorithm.RSA_SHA256);
        assertThrows(InvalidKeyException.class, () -> Ed25519Signatures.sign(rsa.getPrivate(), message(32)));
        assertThrows(InvalidKeyException.class,
                () -> Ed25519Signatures.verify(rsa.getPublic(), message(32), new byte[64]));
    }

    @Test
    void refusesAPublicKeyThatIsNoPointOfTheCurve() throws Exception {
        // y = 2^255 - 19 + 1: above the field's prime, an encoding RFC 8032 §5.1.3 step 1 calls a decoding failure.
        byte[] raw = new byte[32];
        Arrays.fill(raw, (byte) 0xff);
        raw[0] = (byte) 0xee;
        raw[31] = 0x7f;
        PublicKey offCurve = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Der.ed25519PublicKeyInfo(raw)));
        assertThrows(InvalidKeyException.class,
                () -> Ed25519Signatures.verify(offCurve, message(32), new byte[64]));
    }

    private static byte[] jdkSignature(byte[] message) throws Exception {
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initSign(KEYS.getPrivate());
        jdk.update(message);
        return jdk.sign();
    }

    private static byte[] message(int length) {
        byte[] text = "DKIM-Signature: v=1; a=ed25519-sha256; ".repeat(1 + length / 32)
                .getBytes(StandardCharsets.US_ASCII);
        return Arrays.copyOf(text, length);
    }
}
