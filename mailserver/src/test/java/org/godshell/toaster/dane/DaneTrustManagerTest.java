package org.godshell.toaster.dane;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.godshell.toaster.tlsrpt.ResultType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RFC 7672 §3.1: DANE-EE matches the leaf and nothing else; DANE-TA validates the chain to the anchor and names. */
class DaneTrustManagerTest {

    private static final List<String> NAMES = List.of("mx.signed.test", "signed.test");
    private static TestCertificates ca;
    private static TestCertificates leaf;
    private static TestCertificates selfSigned;

    @BeforeAll
    static void certificates() throws Exception {
        ca = TestCertificates.ca("Test CA");
        leaf = TestCertificates.leaf("mx.signed.test", ca);
        selfSigned = TestCertificates.selfSigned("whatever.invalid");
    }

    private static DaneTrustManager manager(Tlsa... records) {
        return new DaneTrustManager(new DaneVerdict.Authenticate(List.of(records), NAMES));
    }

    private static X509Certificate[] chain(TestCertificates... certificates) {
        return java.util.Arrays.stream(certificates).map(TestCertificates::certificate).toArray(X509Certificate[]::new);
    }

    private static ResultType failure(DaneTrustManager manager, X509Certificate[] chain) {
        return assertThrows(DaneFailure.class, () -> manager.checkServerTrusted(chain, "ECDHE_ECDSA")).result();
    }

    @Test
    void daneEeAcceptsTheMatchingKeyWhateverItsNameOrIssuer() throws Exception {
        assertDoesNotThrow(() -> manager(new Tlsa(3, 1, 1, selfSigned.spkiSha256()))
                .checkServerTrusted(chain(selfSigned), "ECDHE_ECDSA"));
        assertDoesNotThrow(() -> manager(new Tlsa(3, 0, 1, selfSigned.certSha256()))
                .checkServerTrusted(chain(selfSigned), "ECDHE_ECDSA"));
    }

    @Test
    void daneEeIgnoresExpiry() throws Exception {
        TestCertificates expired = TestCertificates.leaf("elsewhere.invalid", ca,
                TestCertificates.NOW.minus(Duration.ofDays(60)), TestCertificates.NOW.minus(Duration.ofDays(30)));
        assertDoesNotThrow(() -> manager(new Tlsa(3, 1, 1, expired.spkiSha256()))
                .checkServerTrusted(chain(expired), "ECDHE_ECDSA"));
    }

    @Test
    void daneEeRefusesAnotherKey() throws Exception {
        assertEquals(ResultType.TLSA_INVALID, failure(manager(new Tlsa(3, 1, 1, leaf.spkiSha256())), chain(selfSigned)));
    }

    @Test
    void daneEeMatchesTheLeafOnlyNotAnIssuerInTheChain() throws Exception {
        assertEquals(ResultType.TLSA_INVALID, failure(manager(new Tlsa(3, 1, 1, ca.spkiSha256())), chain(leaf, ca)));
    }

    @Test
    void daneTaAcceptsAChainToTheAnchorForTheRightName() throws Exception {
        assertDoesNotThrow(() -> manager(new Tlsa(2, 1, 1, ca.spkiSha256())).checkServerTrusted(chain(leaf, ca), "EC"));
        assertDoesNotThrow(() -> manager(new Tlsa(2, 0, 2, sha512(ca.certificate().getEncoded())))
                .checkServerTrusted(chain(leaf, ca), "EC"));
    }

    @Test
    void daneTaGivenByItsWholeKeyNeedsNoCertificateInTheChain() throws Exception {
        assertDoesNotThrow(() -> manager(new Tlsa(2, 1, 0, ca.certificate().getPublicKey().getEncoded()))
                .checkServerTrusted(chain(leaf), "EC"));
    }

    @Test
    void daneTaRefusesTheWrongName() throws Exception {
        TestCertificates other = TestCertificates.leaf("mx.elsewhere.test", ca);
        assertEquals(ResultType.CERTIFICATE_HOST_MISMATCH,
                failure(manager(new Tlsa(2, 1, 1, ca.spkiSha256())), chain(other, ca)));
    }

    @Test
    void daneTaAcceptsAWildcardForOneLabelOnly() throws Exception {
        TestCertificates wildcard = TestCertificates.leaf("*.signed.test", ca);
        assertDoesNotThrow(() -> manager(new Tlsa(2, 1, 1, ca.spkiSha256())).checkServerTrusted(chain(wildcard, ca), "EC"));
        assertEquals(false, PeerNames.matches("*.test", "signed.test"));
        assertEquals(false, PeerNames.matches("*.signed.test", "a.mx.signed.test"));
        assertEquals(false, PeerNames.matches("m*.signed.test", "mx.signed.test"));
    }

    @Test
    void daneTaRefusesAnExpiredChain() throws Exception {
        TestCertificates expired = TestCertificates.leaf("mx.signed.test", ca,
                TestCertificates.NOW.minus(Duration.ofDays(60)), TestCertificates.NOW.minus(Duration.ofDays(30)));
        assertEquals(ResultType.CERTIFICATE_EXPIRED,
                failure(manager(new Tlsa(2, 1, 1, ca.spkiSha256())), chain(expired, ca)));
    }

    @Test
    void daneTaRefusesALeafNotIssuedByTheAnchor() throws Exception {
        TestCertificates otherCa = TestCertificates.ca("Other CA");
        TestCertificates stranger = TestCertificates.leaf("mx.signed.test", otherCa);
        assertEquals(ResultType.CERTIFICATE_NOT_TRUSTED,
                failure(manager(new Tlsa(2, 1, 1, ca.spkiSha256())), chain(stranger, ca)));
        assertEquals(ResultType.TLSA_INVALID, failure(manager(new Tlsa(2, 1, 1, ca.spkiSha256())), chain(stranger)));
    }

    @Test
    void noCertificateAndClientChecksAreRefused() {
        DaneTrustManager manager = manager(new Tlsa(3, 1, 1, new byte[32]));
        assertEquals(ResultType.CERTIFICATE_NOT_TRUSTED, failure(manager, new X509Certificate[0]));
        assertThrows(CertificateException.class, () -> manager.checkClientTrusted(chain(leaf), "EC"));
    }

    @Test
    void theResultTypeIsFoundBehindAHandshakeFailure() {
        SSLHandshakeException handshake = new SSLHandshakeException("certificate_unknown");
        handshake.initCause(new DaneFailure(ResultType.CERTIFICATE_EXPIRED, "expired"));
        assertEquals(ResultType.CERTIFICATE_EXPIRED, DaneFailure.of(handshake).orElseThrow().result());
        assertEquals(java.util.Optional.empty(), DaneFailure.of(new SSLHandshakeException("other")));
    }

    private static byte[] sha512(byte[] data) throws Exception {
        return java.security.MessageDigest.getInstance("SHA-512").digest(data);
    }
}
