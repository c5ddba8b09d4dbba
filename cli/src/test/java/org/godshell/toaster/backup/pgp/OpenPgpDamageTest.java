package org.godshell.toaster.backup.pgp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.godshell.toaster.backup.pgp.BouncyCastleMessages.Format;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A changed or cut message never reads as good data: one flipped byte anywhere (session key packet, ciphertext,
 * the MDC at the very end) or a message cut short throws IOException by the end of the stream, for our SEIPD
 * messages and for the OCB packets gpg 2.4 writes. Messages without integrity protection are refused outright.
 */
class OpenPgpDamageTest {

    @TempDir
    static Path dir;
    private static GnuPg gpg;
    private static Path publicKey;
    private static Path secretKey;
    private static byte[] data;
    private static byte[] sealed;
    private static byte[] ocb;

    @BeforeAll
    static void keys() throws Exception {
        gpg = new GnuPg(dir);
        String fingerprint = gpg.generate("Curve <curve@example.test>", "future-default", "default", "never", "");
        publicKey = gpg.exportPublic(fingerprint, dir.resolve("public.asc"), true);
        secretKey = gpg.exportSecret(fingerprint, "", dir.resolve("secret.asc"), true);
        data = new byte[200_000];
        new Random(24).nextBytes(data);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        try (OutputStream out = OpenPgpEncryption.encryptTo(publicKey, message)) {
            out.write(data);
        }
        sealed = message.toByteArray();
        ocb = BouncyCastleMessages.encrypt(publicKey, data, Format.OCB_AS_GPG_24_WRITES);
    }

    @AfterAll
    static void stopAgent() throws Exception {
        gpg.close();
    }

    @Test
    void intactMessagesReadBack() throws IOException {
        assertArrayEquals(data, decrypt(sealed));
        assertArrayEquals(data, decrypt(ocb));
    }

    /** Positions from the start; negative ones from the end (-1 is the last byte, inside the MDC or final tag). */
    @ParameterizedTest
    @ValueSource(ints = {5, 40, 120, 300, 100_000, -300, -30, -10, -1})
    void aFlippedByteThrows(int position) {
        for (byte[] message : new byte[][] {sealed, ocb}) {
            byte[] tampered = message.clone();
            int at = position >= 0 ? position : tampered.length + position;
            tampered[at] ^= 0x01;
            assertThrows(IOException.class, () -> decrypt(tampered), "flipped byte at " + at);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 21, 22, 23, 100, 4096, 100_000, 199_000})
    void aTruncatedMessageThrows(int cut) {
        for (byte[] message : new byte[][] {sealed, ocb}) {
            byte[] truncated = Arrays.copyOf(message, message.length - cut);
            IOException e = assertThrows(IOException.class, () -> decrypt(truncated), "cut " + cut);
            assertTrue(e.getMessage().contains("OpenPGP message"), e.getMessage());
        }
    }

    @Test
    void aMessageWithoutIntegrityProtectionIsRefused() throws Exception {
        byte[] unprotected = BouncyCastleMessages.encrypt(publicKey, data, Format.NO_MDC);
        IOException e = assertThrows(IOException.class, () -> decrypt(unprotected));
        assertTrue(e.getMessage().contains("no integrity protection"), e.getMessage());
    }

    @Test
    void garbageIsNotAMessage() {
        byte[] random = new byte[5000];
        new Random(3).nextBytes(random);
        for (byte[] input : new byte[][] {new byte[0], random, "hello\n".getBytes(), {(byte) 0x85, (byte) 0xff}}) {
            IOException e = assertThrows(IOException.class, () -> decrypt(input));
            assertTrue(e.getMessage().contains("OpenPGP message"), e.getMessage());
        }
    }

    private static byte[] decrypt(byte[] message) throws IOException {
        try (InputStream in = OpenPgpEncryption.decrypt(secretKey, null, new ByteArrayInputStream(message))) {
            return in.readAllBytes();
        }
    }
}
