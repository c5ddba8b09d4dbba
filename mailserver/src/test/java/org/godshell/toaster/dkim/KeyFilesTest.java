package org.godshell.toaster.dkim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.io.Handover;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Key files (PEM, mode 0600), new keys, and the DNS records that publish them. */
class KeyFilesTest {

    @TempDir
    Path dir;

    @Test
    void generatesWritesAndReadsBothKinds() throws Exception {
        for (Algorithm algorithm : Algorithm.values()) {
            KeyPair pair = KeyFiles.generate(algorithm);
            Path file = dir.resolve(algorithm.keyType() + ".pem");
            KeyFiles.write(file, pair.getPrivate(), Handover.KEEP);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertTrue(Files.readString(file).startsWith("-----BEGIN PRIVATE KEY-----\n"));
            PrivateKey read = KeyFiles.read(file);
            assertArrayEquals(pair.getPrivate().getEncoded(), read.getEncoded());
            assertEquals(pair.getPublic(), PublishedKey.of(read));
            assertEquals(algorithm, new SigningKey("s", read).algorithm());
        }
        assertEquals(KeyFiles.RSA_BITS, ((RSAPrivateKey) KeyFiles.generate(Algorithm.RSA_SHA256).getPrivate())
                .getModulus().bitLength());
    }

    @Test
    void overwritingKeepsTheMode() throws Exception {
        Path file = dir.resolve("key.pem");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        KeyFiles.write(file, HandSigner.ED25519.getPrivate(), Handover.KEEP);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void readsOpensslAndOpendkimForms() throws Exception {
        PrivateKey pkcs1 = KeyFiles.parse(Rfc.RFC8463_RSA_KEY);
        assertEquals("RSA", pkcs1.getAlgorithm());
        PrivateKey ed = KeyFiles.parse(KeyFiles.pem(Rfc.ed25519(Rfc.RFC8463_ED25519_SEED)));
        assertEquals("11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
                PublishedKey.txt(PublishedKey.of(ed)).replace("v=DKIM1; k=ed25519; p=", ""));
        assertEquals("RSA", KeyFiles.parse("\n\n" + KeyFiles.pem(HandSigner.RSA.getPrivate()).replace("\n", "\r\n")
                + "\n").getAlgorithm(), "blank lines and CRLF around and inside");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "not a key",
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
        "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n",
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n",
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n",
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END RSA PRIVATE KEY-----\n",
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n-----BEGIN PRIVATE KEY-----\nAAAA\n"
                + "-----END PRIVATE KEY-----\n",
        "-----BEGIN -----\n-----END -----",
    })
    void refusesWhatIsNoUsableKey(String text) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.pem"), text);
        IOException e = assertThrows(IOException.class, () -> KeyFiles.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    @Test
    void refusesOtherKeyTypesAndHugeFiles() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        Path file = Files.writeString(dir.resolve("ec.pem"), KeyFiles.pem(ec.generateKeyPair().getPrivate()));
        assertTrue(assertThrows(IOException.class, () -> KeyFiles.read(file)).getMessage().contains("EC"));
        Path huge = Files.writeString(dir.resolve("huge.pem"), "x".repeat(KeyFiles.MAX_FILE + 1));
        assertThrows(IOException.class, () -> KeyFiles.read(huge));
        Path latin = Files.write(dir.resolve("latin.pem"), new byte[] {(byte) 0xe9});
        assertThrows(IOException.class, () -> KeyFiles.read(latin));
    }

    @Test
    void recordsFitTxtStringsAndMatchWhatIsPublished() throws Exception {
        KeyPair rsa = HandSigner.RSA;
        List<String> strings = PublishedKey.txtStrings(rsa.getPublic());
        assertEquals(2, strings.size());
        assertTrue(strings.stream().allMatch(s -> s.length() <= PublishedKey.TXT_STRING));
        assertEquals(PublishedKey.txt(rsa.getPublic()), String.join("", strings));
        assertTrue(PublishedKey.txt(rsa.getPublic()).startsWith("v=DKIM1; k=rsa; p=MIIBIjAN"));
        String ed = PublishedKey.txt(HandSigner.ED25519.getPublic());
        assertEquals(32, Base64.getDecoder().decode(ed.replace("v=DKIM1; k=ed25519; p=", "")).length);
        try (FixtureDns dns = new FixtureDns()
                .txt("r._domainkey.example.org.", strings.toArray(String[]::new))
                .txt("e._domainkey.example.org.", ed)
                .txt("old._domainkey.example.org.", PublishedKey.txt(KeyFiles.generate(Algorithm.ED25519_SHA256)
                        .getPublic()))
                .servfail("down._domainkey.example.org.")) {
            Duration t = Duration.ofSeconds(2);
            assertInstanceOf(PublishedKey.Check.Matches.class,
                    PublishedKey.check(dns.dns(), t, "r", "example.org", rsa.getPublic()));
            assertInstanceOf(PublishedKey.Check.Matches.class,
                    PublishedKey.check(dns.dns(), t, "e", "example.org", HandSigner.ED25519.getPublic()));
            assertInstanceOf(PublishedKey.Check.Mismatch.class,
                    PublishedKey.check(dns.dns(), t, "old", "example.org", HandSigner.ED25519.getPublic()));
            assertInstanceOf(PublishedKey.Check.Mismatch.class,
                    PublishedKey.check(dns.dns(), t, "none", "example.org", HandSigner.ED25519.getPublic()));
            assertInstanceOf(PublishedKey.Check.Temporary.class,
                    PublishedKey.check(dns.dns(), t, "down", "example.org", HandSigner.ED25519.getPublic()));
        }
    }
}
