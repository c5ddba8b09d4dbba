package org.godshell.toaster.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.io.Handover;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** servercert.pem: what reads, what is refused with the file named, and the self-signed certificate we make. */
class ServerCertificateTest {

    private static String pem;
    private static String other;

    @TempDir
    Path dir;

    @BeforeAll
    static void certificates() throws Exception {
        pem = SelfSigned.create("mail.example.org");
        other = SelfSigned.create("other.example.org");
    }

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("servercert.pem"), text);
    }

    private static String key(String pem) {
        return pem.substring(0, pem.indexOf("-----BEGIN CERTIFICATE-----"));
    }

    private static String certificate(String pem) {
        return pem.substring(pem.indexOf("-----BEGIN CERTIFICATE-----"));
    }

    @Test
    void theSelfSignedCertificateNamesTheHostAndReadsBack() throws Exception {
        ServerCertificate read = ServerCertificate.read(file(pem));
        X509Certificate certificate = read.chain().get(0);
        assertEquals(List.of(List.of(2, "mail.example.org")), certificate.getSubjectAlternativeNames().stream()
                .map(name -> List.copyOf(name)).toList());
        assertEquals("RSA", read.key().getAlgorithm());
        assertTrue(certificate.getNotAfter().getTime() - System.currentTimeMillis() > 1000L * 86400 * 365 * 2);
        assertTrue(ServerTls.of(read).cipherSuites().stream().allMatch(ServerTls::modern));
    }

    @Test
    void certificateBeforeKeyIsFineToo() throws Exception {
        assertEquals(1, ServerCertificate.read(file(certificate(pem) + key(pem))).chain().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage\n", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"})
    void unreadableFilesNameTheFileAndTheFix(String text) throws IOException {
        Path file = file(text);
        ConfigException e = assertThrows(ConfigException.class, () -> ServerCertificate.read(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
    }

    @Test
    void aKeyWithoutCertificateOrTheWrongPairIsRefused() throws IOException {
        ConfigException alone = assertThrows(ConfigException.class, () -> ServerCertificate.read(file(key(pem))));
        assertTrue(alone.getMessage().contains("it has a key and 0 certificate(s)"), alone.getMessage());
        ConfigException mismatched = assertThrows(ConfigException.class,
                () -> ServerCertificate.read(file(key(pem) + certificate(other))));
        assertTrue(mismatched.getMessage().contains("not for its private key"), mismatched.getMessage());
        ConfigException twoKeys = assertThrows(ConfigException.class,
                () -> ServerCertificate.read(file(key(pem) + key(other) + certificate(pem))));
        assertTrue(twoKeys.getMessage().contains("two private keys"), twoKeys.getMessage());
    }

    @Test
    void writtenReadableByItsOwnerOnly() throws IOException {
        Path file = dir.resolve("servercert.pem");
        SelfSigned.write(file, pem, Handover.KEEP);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(file), left.toList(), "no temp file is left beside it");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-bad.example", "a..b", "mail.example.org,O=Evil", "host name", "x\ny", "é.example"})
    void onlyHostNamesMakeCertificates(String host) {
        assertFalse(SelfSigned.validHost(host));
        assertThrows(IllegalArgumentException.class, () -> SelfSigned.create(host));
    }
}
