package org.godshell.toaster.backup.pgp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our messages against GnuPG's, both ways, for both kinds of key admins hold: RSA (primary for signing, an RSA
 * encryption subkey, as gpg makes them when asked for rsa3072) and Curve25519 (ed25519 with a cv25519 subkey, gpg's
 * future-default). The data is a few MiB, more than any buffer, so the packets are written and read in parts.
 */
class OpenPgpGpgInteropTest {

    enum Kind { RSA, CURVE25519 }

    private static final int SIZE = 3 * 1024 * 1024 + 17;

    @TempDir
    static Path dir;
    private static GnuPg gpg;
    private static byte[] data;

    @BeforeAll
    static void keys() throws Exception {
        gpg = new GnuPg(dir);
        String rsa = gpg.generate("RSA <rsa@example.test>", "rsa3072", "sign", "never", "");
        gpg.run("--passphrase", "", "--quick-add-key", rsa, "rsa3072", "encr", "never");
        gpg.generate("Curve <curve@example.test>", "future-default", "default", "never", "");
        data = new byte[SIZE];
        new Random(24).nextBytes(data);
        Files.write(dir.resolve("plain"), data);
    }

    @AfterAll
    static void stopAgent() throws Exception {
        gpg.close();
    }

    private static String fingerprint(Kind kind) throws Exception {
        return gpg.fingerprint(kind == Kind.RSA ? "rsa@example.test" : "curve@example.test");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void gpgDecryptsWhatWeEncryptToItsArmoredKey(Kind kind) throws Exception {
        Path key = gpg.exportPublic(fingerprint(kind), dir.resolve(kind + ".asc"), true);
        assertGpgDecrypts(encryptWithUs(key, kind + ".armored-key.gpg"));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void gpgDecryptsWhatWeEncryptToItsBinaryKey(Kind kind) throws Exception {
        Path key = gpg.exportPublic(fingerprint(kind), dir.resolve(kind + ".pub"), false);
        assertGpgDecrypts(encryptWithUs(key, kind + ".binary-key.gpg"));
    }

    @Test
    void oneMessageForTwoKeysOpensWithEither() throws Exception {
        Path both = dir.resolve("both.asc");
        String rsa = fingerprint(Kind.RSA);
        String curve = fingerprint(Kind.CURVE25519);
        gpg.run("--armor", "--output", both.toString(), "--export", rsa, curve);
        Path message = encryptWithUs(both, "both.gpg");
        for (String fingerprint : new String[] {rsa, curve}) {
            Path secret = gpg.exportSecret(fingerprint, "", dir.resolve(fingerprint + ".sec"), false);
            assertArrayEquals(data, decryptWithUs(secret, message));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void weDecryptGpgsDefaultOutput(Kind kind) throws Exception {
        assertWeDecrypt(kind, "--encrypt");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void weDecryptGpgsArmoredUncompressedAes256(Kind kind) throws Exception {
        assertWeDecrypt(kind, "--armor", "--compress-algo", "none", "--cipher-algo", "AES256", "--encrypt");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void weDecryptGpgsSignedAndEncrypted(Kind kind) throws Exception {
        assertWeDecrypt(kind, "--sign", "--encrypt");
    }

    private void assertWeDecrypt(Kind kind, String... gpgOptions) throws Exception {
        String fingerprint = fingerprint(kind);
        Path message = dir.resolve(kind + "-" + String.join("", gpgOptions).replace("-", "") + ".msg");
        String[] args = new String[gpgOptions.length + 5];
        args[0] = "--recipient";
        args[1] = fingerprint;
        args[2] = "--output";
        args[3] = message.toString();
        System.arraycopy(gpgOptions, 0, args, 4, gpgOptions.length);
        args[args.length - 1] = dir.resolve("plain").toString();
        gpg.run(args);
        Path secret = gpg.exportSecret(fingerprint, "", dir.resolve(kind + ".sec.asc"), true);
        assertTrue(OpenPgpEncryption.looksEncrypted(Files.readAllBytes(message)));
        assertArrayEquals(data, decryptWithUs(secret, message));
    }

    private Path encryptWithUs(Path key, String name) throws IOException {
        Path message = dir.resolve(name);
        try (OutputStream out = OpenPgpEncryption.encryptTo(key, Files.newOutputStream(message))) {
            for (int off = 0; off < data.length; off += 8191) {
                out.write(data, off, Math.min(8191, data.length - off));
            }
        }
        assertTrue(OpenPgpEncryption.looksEncrypted(Files.readAllBytes(message)));
        return message;
    }

    private static byte[] decryptWithUs(Path secret, Path message) throws IOException {
        try (InputStream in = OpenPgpEncryption.decrypt(secret, null, Files.newInputStream(message))) {
            return in.readAllBytes();
        }
    }

    private void assertGpgDecrypts(Path message) throws Exception {
        Path out = dir.resolve(message.getFileName() + ".out");
        gpg.run("--output", out.toString(), "--decrypt", message.toString());
        assertArrayEquals(data, Files.readAllBytes(out));
    }
}
