package org.godshell.toaster.tlspublish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.tls.ServerCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which certificate a client asking for a name gets, as SNI chooses it, and which keys a host may show. */
class CertificatesTest {

    @TempDir
    Path control;

    private final TestCa ca = new TestCa();

    @Test
    void aServercertsFileThatNamesTheHostIsServedBeforeTheDefault() throws Exception {
        TestCa.Leaf fallback = ca.issue("mail.example.org");
        TestCa.Leaf policy = ca.issue("mta-sts.example.org", "mta-sts.example.com");
        TestCa.Leaf wildcard = ca.issue("*.example.net");
        Files.writeString(control.resolve("servercert.pem"), fallback.pem());
        Files.createDirectories(control.resolve("servercerts"));
        Files.writeString(control.resolve("servercerts/a-policy.pem"), policy.pem());
        Files.writeString(control.resolve("servercerts/b-wild.pem"), wildcard.pem());
        Files.writeString(control.resolve("servercerts/notes.txt"), "not a certificate");
        Certificates certificates = Certificates.read(control);
        assertEquals(policy.certificate(), leaf(certificates, "mta-sts.example.com"));
        assertEquals(wildcard.certificate(), leaf(certificates, "mta-sts.example.net"));
        assertEquals(fallback.certificate(), leaf(certificates, "mail.example.org"));
        assertEquals(fallback.certificate(), leaf(certificates, "mta-sts.example.info"),
                "the default, naming it or not");
        assertFalse(certificates.servedFor("mta-sts.example.info").orElseThrow().covers("mta-sts.example.info"));
        assertEquals(List.of(fallback.certificate(), wildcard.certificate()), certificates.forHost("mx.example.net")
                .stream().map(c -> c.chain().getFirst()).toList());
    }

    private static Object leaf(Certificates certificates, String host) {
        return certificates.servedFor(host).map(ServerCertificate::chain).orElseThrow().getFirst();
    }

    @Test
    void noCertificateAtAllIsNoneServed() throws Exception {
        Certificates none = Certificates.read(control);
        assertTrue(none.servedFor("mail.example.org").isEmpty());
        assertTrue(none.forHost("mail.example.org").isEmpty());
    }

    @Test
    void aBrokenFileIsNamed() throws Exception {
        Files.writeString(control.resolve("servercert.pem"), ca.issue("mail.example.org").pem());
        Files.createDirectories(control.resolve("servercerts"));
        Files.writeString(control.resolve("servercerts/broken.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Certificates.read(control));
        assertTrue(e.getMessage().contains("broken.pem"), e.getMessage());
    }
}
