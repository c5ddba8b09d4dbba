package org.godshell.toaster.tlspublish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.TrustAnchor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.godshell.toaster.tls.SelfSigned;
import org.godshell.toaster.tls.ServerCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether other servers would accept a chain: self-signed, expired, a private CA, a known root. */
class CertificateTrustTest {

    private final TestCa ca = new TestCa();
    private final Instant now = Instant.now();

    @Test
    void toastersOwnSelfSignedCertificateIsSelfSigned(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("servercert.pem"), SelfSigned.create("mail.example.org"));
        assertEquals(CertificateTrust.SELF_SIGNED, CertificateTrust.of(ServerCertificate.read(file).chain(), now));
    }

    @Test
    void aPrivateCasCertificateIsUntrustedByTheJdksRoots() {
        TestCa.Leaf leaf = ca.issue("mail.example.org");
        assertEquals(CertificateTrust.UNTRUSTED, CertificateTrust.of(List.of(leaf.certificate(), ca.root), now));
    }

    @Test
    void aChainToAKnownRootIsTrustedWithOrWithoutTheRootInTheFile() {
        TestCa.Leaf leaf = ca.issue("mail.example.org");
        Set<TrustAnchor> roots = Set.of(new TrustAnchor(ca.root, null));
        assertEquals(CertificateTrust.TRUSTED, CertificateTrust.of(List.of(leaf.certificate()), now, roots));
        assertEquals(CertificateTrust.TRUSTED, CertificateTrust.of(List.of(leaf.certificate(), ca.root), now,
                roots));
        assertEquals(CertificateTrust.UNTRUSTED, CertificateTrust.of(List.of(new TestCa().issue("mail.example.org")
                .certificate()), now, roots), "another CA's leaf");
    }

    @Test
    void anExpiredOrNotYetValidCertificateIsExpired() {
        Set<TrustAnchor> roots = Set.of(new TrustAnchor(ca.root, null));
        TestCa.Leaf old = ca.issue(now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)), "mail.example.org");
        TestCa.Leaf future = ca.issue(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(10)), "mail.example.org");
        assertEquals(CertificateTrust.EXPIRED, CertificateTrust.of(List.of(old.certificate()), now, roots));
        assertEquals(CertificateTrust.EXPIRED, CertificateTrust.of(List.of(future.certificate()), now, roots));
    }

    @Test
    void theJdksRootsAreRead() {
        assertEquals(false, CertificateTrust.systemRoots().isEmpty());
    }
}
