package org.godshell.toaster.backup.pgp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What needs no real key: recognising a message, and key files that are missing, too large or not keys. */
class OpenPgpEncryptionTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "8501, true", // old-format PKESK (tag 1), two-byte length: what gpg writes
        "8401, true", "c10c, true", // old format one-byte length; new format PKESK
        "8c0d, true", "c30d, true", // SKESK (gpg --symmetric)
        "a803, true", "ca03, true", // the marker packet
        "1f8b08, false", // gzip: an unencrypted archive
        "a3, false", "cb0d, false", // literal data, old and new format
        "d20d, false", // a bare SEIPD with no session key packet before it
        "99010d, false", // a public key
        "00, false", "ff, false", "'', false"
    })
    void recognisesBinaryMessages(String hex, boolean encrypted) {
        assertEquals(encrypted, OpenPgpEncryption.looksEncrypted(HexFormat.of().parseHex(hex)));
    }

    @Test
    void recognisesArmoredMessages() {
        assertTrue(OpenPgpEncryption.looksEncrypted(ascii("-----BEGIN PGP MESSAGE-----\n\nhQIM")));
        assertTrue(OpenPgpEncryption.looksEncrypted(ascii("\n -----BEGIN PGP MESSAGE-----")));
        assertEquals(false, OpenPgpEncryption.looksEncrypted(ascii("-----BEGIN PGP PUBLIC KEY BLOCK-----")));
        assertEquals(false, OpenPgpEncryption.looksEncrypted(ascii("-----BEGIN PGP MESS")));
        assertEquals(false, OpenPgpEncryption.looksEncrypted(ascii("     ")));
    }

    @Test
    void aMissingKeyFileIsNamed() {
        Path missing = dir.resolve("backup.asc");
        assertMessage(missing + ": no such key file", missing);
    }

    @Test
    void aDirectoryIsNotAKeyFile() {
        assertMessage(dir + ": cannot read the key file", dir);
    }

    @Test
    void anOversizedKeyFileIsRefusedWithoutReadingItAll() throws IOException {
        Path huge = dir.resolve("huge.asc");
        Files.write(huge, new byte[KeyFile.MAX_BYTES + 1]);
        assertMessage(huge + ": larger than 1 MiB", huge);
    }

    @Test
    void filesThatAreNotKeysAreRefused() throws IOException {
        byte[] random = new byte[4096];
        new Random(7).nextBytes(random);
        String armoredGarbage = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n!!!!not base64!!!!\n"
                + "-----END PGP PUBLIC KEY BLOCK-----\n";
        byte[][] contents = {
            new byte[0], ascii("\n\n  \n"), ascii("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG admin@host\n"),
            ascii("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"), ascii(armoredGarbage),
            random, HexFormat.of().parseHex("99ffff"), HexFormat.of().parseHex("c6ffffffff01"),
            HexFormat.of().parseHex("a30462000000006869"), // a literal data packet: a message, not a key
        };
        for (int i = 0; i < contents.length; i++) {
            Path file = Files.write(dir.resolve("not-a-key-" + i), contents[i]);
            assertMessage(file + ": not an OpenPGP key file", file);
        }
    }

    /** The caller's try-with-resources never sees the stream when the call fails, so the call closes it. */
    @Test
    void aFailingCallClosesTheStreamItWasGiven() {
        Path missing = dir.resolve("missing.asc");
        boolean[] closed = new boolean[2];
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        ByteArrayInputStream in = new ByteArrayInputStream(new byte[0]) {
            @Override
            public void close() {
                closed[1] = true;
            }
        };
        assertThrows(KeyFileException.class, () -> OpenPgpEncryption.encryptTo(missing, out));
        assertThrows(KeyFileException.class, () -> OpenPgpEncryption.decrypt(missing, null, in));
        assertTrue(closed[0] && closed[1]);
    }

    private static void assertMessage(String start, Path keyFile) {
        KeyFileException forEncryption = assertThrows(KeyFileException.class,
                () -> OpenPgpEncryption.encryptTo(keyFile, new ByteArrayOutputStream()));
        assertTrue(forEncryption.getMessage().startsWith(start), forEncryption.getMessage());
        KeyFileException forDecryption = assertThrows(KeyFileException.class,
                () -> OpenPgpEncryption.decrypt(keyFile, null, new ByteArrayInputStream(new byte[0])));
        assertTrue(forDecryption.getMessage().startsWith(start), forDecryption.getMessage());
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
