package org.godshell.toaster.site.tlsalpn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A validation file is served only when it is what an ACME client writes for exactly that name (RFC 8737 §3);
 * a link, an oversized or malformed file, a certificate without the acmeIdentifier extension or for another name,
 * a key of another certificate, and a hostile name all read as absent.
 */
class ValidationCertificatesTest {

    @TempDir
    Path dir;

    private Path challenges;
    private ValidationCertificates validations;

    @BeforeEach
    void setUp() throws Exception {
        challenges = Files.createDirectories(dir.resolve("tls-alpn-01"));
        validations = new ValidationCertificates(challenges);
    }

    @Test
    void theFileOfTheNameIsItsValidation() throws Exception {
        ValidationFiles.write(challenges, "mail.example.test");
        ValidationCertificates.Validation validation = validations.forName("mail.example.test").orElseThrow();
        byte[] extension = validation.certificate().getExtensionValue(ValidationCertificates.ACME_IDENTIFIER);
        // getExtensionValue wraps the value in one more OCTET STRING: 04 22 04 20 DIGEST.
        assertArrayEquals(ValidationFiles.digest(), Arrays.copyOfRange(extension, 4, 36));
        assertEquals("EC", validation.key().getAlgorithm());
    }

    @Test
    void aNameWithoutAFileHasNone() throws Exception {
        ValidationFiles.write(challenges, "mail.example.test");
        assertTrue(validations.forName("other.example.test").isEmpty());
        assertTrue(new ValidationCertificates(dir.resolve("missing")).forName("mail.example.test").isEmpty());
    }

    @Test
    void hostileNamesNeverReachTheFileSystem() throws Exception {
        Files.writeString(dir.resolve("secret.pem"), ValidationFiles.pem(dir, "secret", true));
        ValidationFiles.write(challenges, "mail.example.test");
        for (String name : List.of("../secret", "..", "MAIL.EXAMPLE.TEST", "mail.example.test.", "a".repeat(300),
                "mail.example.test\u0000", "")) {
            assertTrue(validations.forName(name).isEmpty(), name);
        }
    }

    @Test
    void aLinkIsNotFollowed() throws Exception {
        Path elsewhere = ValidationFiles.write(Files.createDirectories(dir.resolve("elsewhere")), "mail.example.test");
        Files.createSymbolicLink(challenges.resolve("mail.example.test.pem"), elsewhere);
        assertTrue(validations.forName("mail.example.test").isEmpty());
    }

    @Test
    void aCertificateWithoutTheAcmeIdentifierOrForAnotherNameIsNotServed() throws Exception {
        Files.writeString(challenges.resolve("plain.example.test.pem"), ValidationFiles.pem(dir, "plain.example.test",
                false));
        Files.writeString(challenges.resolve("mail.example.test.pem"), ValidationFiles.pem(dir, "other.example.test",
                true));
        assertTrue(validations.forName("plain.example.test").isEmpty());
        assertTrue(validations.forName("mail.example.test").isEmpty());
    }

    @Test
    void aKeyOfAnotherCertificateIsNotServed() throws Exception {
        String one = ValidationFiles.pem(dir, "mail.example.test", true);
        String two = ValidationFiles.pem(dir, "mail.example.test", true);
        String mixed = one.substring(0, one.indexOf("-----BEGIN CERTIFICATE"))
                + two.substring(two.indexOf("-----BEGIN CERTIFICATE"));
        Files.writeString(challenges.resolve("mail.example.test.pem"), mixed);
        assertTrue(validations.forName("mail.example.test").isEmpty());
    }

    @Test
    void malformedAndOversizedFilesAreNotServed() throws Exception {
        String good = ValidationFiles.pem(dir, "mail.example.test", true);
        String key = good.substring(0, good.indexOf("-----BEGIN CERTIFICATE"));
        String certificate = good.substring(good.indexOf("-----BEGIN CERTIFICATE"));
        List<String> bad = List.of("", "garbage", key, certificate, key + key + certificate,
                key + certificate + certificate, good.replace("PRIVATE KEY", "EC PRIVATE KEY"),
                good.replace("MII", "MI!"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n"
                + good, good.replaceFirst("[A-Za-z0-9+/]{64}\n", "A".repeat(64) + "\n"),
                good + "\n".repeat(ValidationCertificates.MAX_FILE));
        for (String text : bad) {
            Files.writeString(challenges.resolve("mail.example.test.pem"), text);
            assertTrue(validations.forName("mail.example.test").isEmpty(), text.length() > 80
                    ? text.substring(0, 80) : text);
        }
        Files.createDirectory(challenges.resolve("dir.example.test.pem"));
        assertTrue(validations.forName("dir.example.test").isEmpty());
    }
}
