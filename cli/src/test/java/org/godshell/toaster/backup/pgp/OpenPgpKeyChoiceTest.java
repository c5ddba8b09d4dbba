package org.godshell.toaster.backup.pgp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which key serves, and what the admin is told when the one given cannot: the wrong secret key, a passphrase
 * missing or wrong, a secret key where the public one belongs and the other way round, a key that may only sign,
 * an expired key, and messages that are not encrypted to a key at all.
 */
class OpenPgpKeyChoiceTest {

    private static final byte[] DATA = "the backup archive\n".getBytes(StandardCharsets.US_ASCII);
    private static final String PASSPHRASE = "correct horse battery staple";

    @TempDir
    static Path dir;
    private static GnuPg gpg;
    private static String backup;
    private static String other;
    private static String locked;

    @BeforeAll
    static void keys() throws Exception {
        gpg = new GnuPg(dir);
        backup = gpg.generate("Backup <backup@example.test>", "future-default", "default", "never", "");
        other = gpg.generate("Other <other@example.test>", "future-default", "default", "never", "");
        locked = gpg.generate("Locked <locked@example.test>", "future-default", "default", "never", PASSPHRASE);
        gpg.generate("Signer <signer@example.test>", "ed25519", "sign", "never", "");
        gpg.run("--faked-system-time", "20200101T000000!", "--passphrase", "", "--quick-gen-key",
                "Expired <expired@example.test>", "future-default", "default", "1d");
    }

    @AfterAll
    static void stopAgent() throws Exception {
        gpg.close();
    }

    @Test
    void aMessageForAnotherKeyNamesTheKeysItIsFor() throws Exception {
        byte[] message = encrypt(gpg.exportPublic(backup, dir.resolve("backup.asc"), true));
        Path otherSecret = gpg.exportSecret(other, "", dir.resolve("other.sec"), false);
        KeyFileException e = assertThrows(KeyFileException.class, () -> decrypt(otherSecret, null, message));
        String encryptionSubkey = subkeyId(backup);
        assertTrue(e.getMessage().startsWith("the message is encrypted for " + encryptionSubkey + ", not for a key in "
                + otherSecret + " ("), e.getMessage());
    }

    @Test
    void aProtectedSecretKeyOpensWithItsPassphraseOnly() throws Exception {
        byte[] message = encrypt(gpg.exportPublic(locked, dir.resolve("locked.asc"), true));
        Path secret = gpg.exportSecret(locked, PASSPHRASE, dir.resolve("locked.sec.asc"), true);
        assertArrayEquals(DATA, decrypt(secret, PASSPHRASE.toCharArray(), message));
        KeyFileException wrong = assertThrows(KeyFileException.class,
                () -> decrypt(secret, "incorrect horse".toCharArray(), message));
        assertTrue(wrong.getMessage().startsWith(secret + ": key " + subkeyId(locked)
                + " cannot be unlocked: wrong passphrase"), wrong.getMessage());
        KeyFileException missing = assertThrows(KeyFileException.class, () -> decrypt(secret, null, message));
        assertTrue(missing.getMessage().endsWith("is protected by a passphrase; give it"), missing.getMessage());
    }

    @Test
    void aSecretKeyIsRefusedWhereThePublicKeyBelongs() throws Exception {
        Path secret = gpg.exportSecret(backup, "", dir.resolve("backup.sec.asc"), true);
        KeyFileException e = assertThrows(KeyFileException.class, () -> encrypt(secret));
        assertTrue(e.getMessage().startsWith(secret + ": holds a secret key, where the public key is expected"),
                e.getMessage());
    }

    @Test
    void aPublicKeyIsRefusedWhereTheSecretKeyBelongs() throws Exception {
        Path pub = gpg.exportPublic(backup, dir.resolve("backup.pub"), false);
        byte[] message = encrypt(pub);
        KeyFileException e = assertThrows(KeyFileException.class, () -> decrypt(pub, null, message));
        assertTrue(e.getMessage().startsWith(pub + ": holds only a public key, where the secret key is expected"),
                e.getMessage());
    }

    @Test
    void keysThatCannotEncryptAreRefusedByName() throws Exception {
        for (String who : new String[] {"signer@example.test", "expired@example.test"}) {
            String fingerprint = gpg.fingerprint(who);
            Path pub = gpg.exportPublic(fingerprint, dir.resolve(who + ".asc"), true);
            KeyFileException e = assertThrows(KeyFileException.class, () -> encrypt(pub));
            assertTrue(e.getMessage().startsWith(pub + ": key " + fingerprint.substring(24)
                    + " has no key that may encrypt"), e.getMessage());
        }
    }

    /** Two keys exported apart and put in one file (cat a.asc b.asc): the message is for both. */
    @Test
    void concatenatedArmoredKeysAreAllRecipients() throws Exception {
        String both = Files.readString(gpg.exportPublic(backup, dir.resolve("one.asc"), true))
                + "\n" + Files.readString(gpg.exportPublic(other, dir.resolve("two.asc"), true));
        byte[] message = encrypt(Files.writeString(dir.resolve("both.asc"), both));
        for (String fingerprint : new String[] {backup, other}) {
            Path secret = gpg.exportSecret(fingerprint, "", dir.resolve(fingerprint + ".sec"), false);
            assertArrayEquals(DATA, decrypt(secret, null, message));
        }
    }

    @Test
    void aKeyRingWithOneUnusableKeyIsRefusedWhole() throws Exception {
        Path ring = dir.resolve("ring.asc");
        gpg.run("--armor", "--output", ring.toString(), "--export", backup, gpg.fingerprint("signer@example.test"));
        assertThrows(KeyFileException.class, () -> encrypt(ring));
    }

    @Test
    void messagesNotEncryptedToAKeyAreNamed() throws Exception {
        Path secret = gpg.exportSecret(backup, "", dir.resolve("backup.sec"), false);
        Path plain = Files.write(dir.resolve("plain"), DATA);
        Path symmetric = dir.resolve("symmetric.gpg");
        gpg.run("--passphrase", "x", "--output", symmetric.toString(), "--symmetric", plain.toString());
        KeyFileException e = assertThrows(KeyFileException.class,
                () -> decrypt(secret, null, Files.readAllBytes(symmetric)));
        assertTrue(e.getMessage().startsWith("the message is encrypted for a passphrase (gpg --symmetric)"),
                e.getMessage());
        Path stored = dir.resolve("stored.gpg");
        gpg.run("--output", stored.toString(), "--store", plain.toString());
        IOException notEncrypted = assertThrows(IOException.class,
                () -> decrypt(secret, null, Files.readAllBytes(stored)));
        assertTrue(notEncrypted.getMessage().endsWith("not an encrypted one"), notEncrypted.getMessage());
    }

    /** The long key id of the key's encryption subkey, the one a message names, as gpg lists it. */
    private static String subkeyId(String fingerprint) throws Exception {
        return gpg.run("--with-colons", "--list-keys", fingerprint).lines()
                .filter(line -> line.startsWith("sub:")).findFirst().orElseThrow().split(":")[4];
    }

    private static byte[] encrypt(Path publicKey) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        try (OutputStream out = OpenPgpEncryption.encryptTo(publicKey, message)) {
            out.write(DATA);
        }
        return message.toByteArray();
    }

    private static byte[] decrypt(Path secretKey, char[] passphrase, byte[] message) throws IOException {
        try (InputStream in = OpenPgpEncryption.decrypt(secretKey, passphrase, new ByteArrayInputStream(message))) {
            return in.readAllBytes();
        }
    }
}
