package org.godshell.toaster.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.godshell.toaster.hostcheck.Finding;
import org.godshell.toaster.tls.SelfSigned;
import org.godshell.toaster.tls.ServerCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A warning 14 days before the certificate expires, an error once it has, a clear word when it is missing. */
class CertificateExpiryTest {

    @TempDir
    Path dir;

    @Test
    void okThenWarningThenError() throws Exception {
        Path file = dir.resolve("servercert.pem");
        Files.writeString(file, SelfSigned.create("mx.example.org"));
        Instant notAfter = ServerCertificate.read(file).chain().getFirst().getNotAfter().toInstant();
        assertEquals(Finding.Level.OK, CertificateExpiry.check(file, "mx.example.org",
                notAfter.minus(Duration.ofDays(15))).level());
        Finding soon = CertificateExpiry.check(file, "mx.example.org", notAfter.minus(Duration.ofDays(14)));
        assertEquals(Finding.Level.WARN, soon.level());
        assertTrue(soon.message().contains("14 days left"), soon.message());
        Finding expired = CertificateExpiry.check(file, "mx.example.org", notAfter);
        assertEquals(Finding.Level.FAIL, expired.level());
        assertTrue(expired.message().contains("expired"), expired.message());
    }

    @Test
    void missingAndUnreadableFail() throws Exception {
        Path file = dir.resolve("servercert.pem");
        assertEquals(Finding.Level.FAIL, CertificateExpiry.check(file, "mx.example.org", Instant.now()).level());
        Files.writeString(file, "not a certificate\n");
        assertEquals(Finding.Level.FAIL, CertificateExpiry.check(file, "mx.example.org", Instant.now()).level());
    }
}
