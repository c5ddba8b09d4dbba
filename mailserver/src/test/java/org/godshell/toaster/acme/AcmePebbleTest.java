package org.godshell.toaster.acme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.io.Handover;
import org.godshell.toaster.tls.SelfSigned;
import org.godshell.toaster.tls.ServerCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against Pebble, Let's Encrypt's test CA: the first certificate (its chain verified against Pebble's root, its
 * names, the files 0600, control/servercert.pem made a link), a renewal because Pebble issues certificates for 20
 * days only, a challenge the CA cannot verify (nothing replaced, the name and the CA's detail in the error), the
 * CA down (the back-off recorded). The rate-limit answer is {@link AcmeRateLimitTest}'s.
 */
class AcmePebbleTest {

    static final List<String> NAMES = List.of("mail.example.test", "mta-sts.example.test");
    static final Duration VALIDITY = Duration.ofDays(20);

    @TempDir
    Path dir;

    private FixtureDns dns;
    private ChallengeServer http;
    private PebbleCa pebble;
    private Path control;
    private Acme acme;
    private String selfSigned;

    @BeforeEach
    void start() throws Exception {
        PebbleCa.require();
        control = Files.createDirectories(dir.resolve("control"));
        selfSigned = SelfSigned.create("mail.example.test");
        SelfSigned.write(control.resolve("servercert.pem"), selfSigned, Handover.KEEP);
        acme = new Acme(control, Handover.KEEP, Clock.systemUTC());
        dns = new FixtureDns();
        NAMES.forEach(name -> dns.a(name + ".", "127.0.0.1"));
        http = new ChallengeServer(acme.files().challenges());
        pebble = PebbleCa.start(Files.createDirectories(dir.resolve("pebble")), http.port(),
                "127.0.0.1:" + dns.address().getPort(), VALIDITY);
    }

    @AfterEach
    void stop() throws Exception {
        if (pebble != null) {
            pebble.close();
        }
        if (http != null) {
            http.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    private Acme.Setup setup() {
        return new Acme.Setup("admin@example.test", new CaDirectory(pebble.directory()),
                Optional.of(pebble.anchor()));
    }

    @Test
    void theFirstCertificateIsIssuedVerifiedAndServed() throws Exception {
        assertTrue(Acme.termsOfService(new CaDirectory(pebble.directory()), Optional.of(pebble.anchor()))
                .isPresent());
        Outcome.Renewed issued = acme.orderNow(setup(), NAMES, false);
        assertEquals(NAMES, issued.names());
        ServerCertificate served = ServerCertificate.read(control.resolve("servercert.pem"));
        verify(served.chain(), pebble.root());
        assertEquals(Set.copyOf(NAMES), Set.copyOf(ServedCertificate.read(acme.files().certificate()).orElseThrow()
                .names()));
        // The key the self-signed certificate had is kept: DANE records made for it stay true.
        assertEquals(ServerCertificate.read(control.resolve("servercert.pem.before-acme")).key(), served.key());
        assertEquals(Acme.LINK, Files.readSymbolicLink(control.resolve("servercert.pem")));
        assertEquals(selfSigned, Files.readString(control.resolve("servercert.pem.before-acme")));
        for (Path secret : List.of(acme.files().accountKey(), acme.files().certificate(), acme.files().state(),
                acme.files().email(), control.resolve("servercert.pem.before-acme"))) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret,
                    LinkOption.NOFOLLOW_LINKS)), secret.toString());
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(acme.files().dir())));
        assertNoAnswersLeft();
        Acme.Status status = acme.status();
        assertTrue(status.linked());
        assertEquals(0, status.state().failures());
        assertTrue(status.state().lastSuccess().isPresent());
    }

    @Test
    void aCertificateWithThirtyDaysOrFewerLeftIsRenewedWithTheSameKeyUnlessANewOneIsAsked() throws Exception {
        acme.orderNow(setup(), NAMES, false);
        ServerCertificate first = ServerCertificate.read(acme.files().certificate());
        Outcome renewed = acme.renew(false, false);
        Outcome.Renewed done = assertInstanceOf(Outcome.Renewed.class, renewed, renewed.line());
        assertEquals(Set.copyOf(NAMES), Set.copyOf(done.names()));
        assertTrue(done.line().startsWith("acme: renewed ") && done.line().contains(", expires 20"), done.line());
        ServerCertificate second = ServerCertificate.read(control.resolve("servercert.pem"));
        assertNotEquals(first.chain().getFirst().getSerialNumber(), second.chain().getFirst().getSerialNumber());
        assertEquals(first.key(), second.key());
        verify(second.chain(), pebble.root());
        Outcome fresh = acme.renew(true, true);
        assertInstanceOf(Outcome.Renewed.class, fresh, fresh.line());
        assertNotEquals(first.key(), ServerCertificate.read(acme.files().certificate()).key());
    }

    @Test
    void aCertificateWithMoreThanThirtyDaysLeftIsNotRenewed() throws Exception {
        acme.orderNow(setup(), NAMES, false);
        byte[] before = Files.readAllBytes(acme.files().certificate());
        Acme early = new Acme(control, Handover.KEEP, Clock.fixed(Instant.now().minus(Duration.ofDays(15)),
                java.time.ZoneOffset.UTC));
        Outcome outcome = early.renew(false, false);
        assertInstanceOf(Outcome.NotDue.class, outcome, outcome.line());
        assertArrayEquals(before, Files.readAllBytes(acme.files().certificate()));
    }

    @Test
    void aChallengeTheCaCannotVerifyReplacesNothingAndSaysWhichNameAndWhy() throws Exception {
        http.answering(false);
        AcmeException e = assertThrows(AcmeException.class, () -> acme.orderNow(setup(), NAMES, false));
        assertEquals(AcmeException.Kind.CHALLENGE, e.kind());
        assertTrue(e.getMessage().contains("could not verify mail.example.test")
                || e.getMessage().contains("could not verify mta-sts.example.test"), e.getMessage());
        assertTrue(e.getMessage().contains("404"), e.getMessage());
        assertTrue(e.getMessage().contains("listen-http"), e.getMessage());
        assertFalse(Files.isSymbolicLink(control.resolve("servercert.pem")));
        assertEquals(selfSigned, Files.readString(control.resolve("servercert.pem")));
        assertFalse(Files.exists(acme.files().certificate()));
        assertNoAnswersLeft();
        RenewalState state = acme.status().state();
        assertEquals(1, state.failures());
        assertTrue(state.lastError().orElseThrow().contains("could not verify"));
    }

    @Test
    void theCaDownIsSaidClearlyAndBacksOff() throws Exception {
        acme.orderNow(setup(), NAMES, false);
        byte[] before = Files.readAllBytes(acme.files().certificate());
        pebble.close();
        Instant now = Instant.now();
        Outcome outcome = acme.renew(false, false);
        Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcome, outcome.line());
        assertEquals(AcmeException.Kind.UNREACHABLE, failed.error().kind());
        assertTrue(failed.line().startsWith("acme: renewal failed: cannot reach the CA " + pebble.directory()),
                failed.line());
        RenewalState state = acme.status().state();
        assertEquals(1, state.failures());
        assertFalse(state.nextTry().orElseThrow().isBefore(now.plus(Backoff.FIRST)));
        assertArrayEquals(before, Files.readAllBytes(acme.files().certificate()));
        Outcome again = acme.renew(false, false);
        assertInstanceOf(Outcome.NotDue.class, again, again.line());
        assertEquals(1, acme.status().state().failures());
    }

    private void assertNoAnswersLeft() throws Exception {
        try (Stream<Path> left = Files.list(acme.files().challenges())) {
            assertEquals(List.of(), left.toList());
        }
    }

    /** The chain leads to {@code root} (PKIX, no revocation: Pebble runs no OCSP). */
    static void verify(List<X509Certificate> chain, X509Certificate root) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509")
                .generateCertPath(chain), parameters);
    }
}
