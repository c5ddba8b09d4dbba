package org.godshell.toaster.deliver.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.godshell.toaster.config.ControlFile;
import org.godshell.toaster.config.Live;
import org.godshell.toaster.dane.TrustAnchors;
import org.godshell.toaster.deliver.Outcome;
import org.godshell.toaster.dns.Dns;
import org.godshell.toaster.dns.SignedFixtureDns;
import org.godshell.toaster.mtasts.TestCa;
import org.godshell.toaster.tls.ServerCertificate;
import org.godshell.toaster.tlsrpt.PolicyType;
import org.godshell.toaster.tlsrpt.ResultType;
import org.godshell.toaster.tlsrpt.SessionResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * DANE in delivery (RFC 7672 §2.2): there.test is a DNSSEC-signed zone on loopback whose key is the only trust
 * anchor; its MX mx1.there.test is a sink at 127.0.0.1 whose TLSA record the test publishes once its port is
 * known. No policy but DANE applies (no MTA-STS rule), so every difference below is DANE's.
 */
class DaneDeliveryTest {

    static final Mta WITH_TLS = MtaStsDeliveryTest.WITH_TLS;

    SignedFixtureDns zone;
    final List<SessionResult> results = new CopyOnWriteArrayList<>();
    final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        zone = new SignedFixtureDns("there.test.").mx("there.test.", 10, "mx1.there.test.")
                .a("mx1.there.test.", "127.0.0.1");
    }

    @AfterEach
    void tearDown() throws Exception {
        zone.close();
    }

    Outcome send(int port) throws Exception {
        TrustAnchors anchors = TrustAnchors.parse(Path.of("test-anchors"), List.of(new ControlFile.Line(1,
                zone.trustAnchor())));
        RemoteConfig config = RemoteDeliveryTest.fast(RemoteConfig.defaults(Dns.using(List.of(zone.address())),
                "me.here.test").withMxPort(port)).withDnssec(anchors);
        RemoteDelivery delivery = new RemoteDelivery(Live.fixed(config),
                List.of(new DaneRule(Clock.systemUTC(), log::add)), results::add);
        return delivery.deliver("a@here.test", "there.test", List.of("bob@there.test"), RemoteDeliveryTest.SOURCE)
                .get("bob@there.test");
    }

    /** {@code _PORT._tcp.mx1.there.test. TLSA 3 1 1} of this certificate's key. */
    void publish(int port, ServerCertificate certificate) throws Exception {
        byte[] spki = certificate.chain().getFirst().getPublicKey().getEncoded();
        zone.tlsa("_" + port + "._tcp.mx1.there.test.", 3, 1, 1, MessageDigest.getInstance("SHA-256").digest(spki));
    }

    @Test
    void aMatchingCertificateIsDeliveredToOverTls() throws Exception {
        ServerCertificate certificate = TestCa.selfSigned("anything.example");   // DANE-EE: no name, no CA
        try (Sink mx1 = MtaStsDeliveryTest.mx1(certificate, WITH_TLS)) {
            publish(mx1.port(), certificate);
            Outcome.Delivered delivered = assertInstanceOf(Outcome.Delivered.class, send(mx1.port()));
            assertTrue(delivered.detail().contains("TLSv1."), delivered.detail());
            assertEquals(PolicyType.TLSA, results.getFirst().policy().type());
            assertTrue(results.getFirst().failure().isEmpty(), results.toString());
            assertTrue(results.getFirst().policy().policyStrings().getFirst().startsWith("3 1 1 "));
            assertEquals(List.of("dane: the nameservers pass DNSSEC through; DANE applies"), log);
        }
    }

    @Test
    void anotherKeyIsRefusedAndTheMailWaitsWithoutPlainText() throws Exception {
        try (Sink mx1 = MtaStsDeliveryTest.mx1(TestCa.selfSigned("mx1.there.test"), WITH_TLS)) {
            publish(mx1.port(), TestCa.selfSigned("mx1.there.test"));
            Outcome.Deferred deferred = assertInstanceOf(Outcome.Deferred.class, send(mx1.port()));
            assertTrue(deferred.why().text().contains("DANE TLSA records of mx1.there.test"), deferred.why().text());
            assertEquals(0, mx1.messages.size(), "nothing sent in plain text after the refusal");
            assertEquals(ResultType.TLSA_INVALID, results.getFirst().failure().orElseThrow().type());
        }
    }

    @Test
    void aServerWithoutStartTlsIsNotSentToInPlainText() throws Exception {
        ServerCertificate certificate = TestCa.selfSigned("mx1.there.test");
        try (Sink mx1 = MtaStsDeliveryTest.mx1(certificate, Mta.plain())) {
            publish(mx1.port(), certificate);
            assertInstanceOf(Outcome.Deferred.class, send(mx1.port()));
            assertEquals(0, mx1.messages.size());
            assertEquals(ResultType.STARTTLS_NOT_SUPPORTED, results.getFirst().failure().orElseThrow().type());
        }
    }

    @Test
    void aForgedTlsaAnswerMeansTheHostIsNotUsedAtAll() throws Exception {
        ServerCertificate certificate = TestCa.selfSigned("mx1.there.test");
        try (Sink mx1 = MtaStsDeliveryTest.mx1(certificate, WITH_TLS)) {
            publish(mx1.port(), certificate);
            zone.forge("_" + mx1.port() + "._tcp.mx1.there.test.", Type.TLSA);
            Outcome.Deferred deferred = assertInstanceOf(Outcome.Deferred.class, send(mx1.port()));
            assertTrue(deferred.why().text().contains("DANE: mx1.there.test is not used"), deferred.why().text());
            assertEquals(0, mx1.connections.get(), "a host whose DANE lookup is bogus is not even connected to");
        }
    }

    @Test
    void noTlsaRecordLeavesTheHostOpportunistic() throws Exception {
        try (Sink mx1 = MtaStsDeliveryTest.mx1(TestCa.selfSigned("mx1.there.test"), WITH_TLS)) {
            assertInstanceOf(Outcome.Delivered.class, send(mx1.port()));
            assertEquals(PolicyType.NO_POLICY_FOUND, results.getFirst().policy().type());
        }
    }
}
