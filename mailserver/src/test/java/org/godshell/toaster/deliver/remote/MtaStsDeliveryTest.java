package org.godshell.toaster.deliver.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Live;
import org.godshell.toaster.deliver.Diagnosis;
import org.godshell.toaster.deliver.Outcome;
import org.godshell.toaster.deliver.Progress;
import org.godshell.toaster.deliver.bounce.Bounces;
import org.godshell.toaster.deliver.bounce.Notice;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.mtasts.MtaSts;
import org.godshell.toaster.mtasts.PolicyFetcher;
import org.godshell.toaster.mtasts.PolicyServer;
import org.godshell.toaster.mtasts.PolicyStore;
import org.godshell.toaster.mtasts.TestCa;
import org.godshell.toaster.queue.Envelope;
import org.godshell.toaster.queue.Intake;
import org.godshell.toaster.queue.Queue;
import org.godshell.toaster.queue.QueuedMessage;
import org.godshell.toaster.tls.ServerCertificate;
import org.godshell.toaster.tls.ServerTls;
import org.godshell.toaster.tlsrpt.PolicyType;
import org.godshell.toaster.tlsrpt.ResultType;
import org.godshell.toaster.tlsrpt.SessionResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MTA-STS in delivery (RFC 8461 §4, §5): there.test's MX hosts are sinks on one port at 127.0.0.1 (mx1) and
 * 127.0.0.2 (mx2) with certificates from a test CA; its policy is served over HTTPS on loopback.
 */
class MtaStsDeliveryTest {

    static final String ENFORCE = "version: STSv1\nmode: enforce\nmx: mx1.there.test\nmx: mx2.there.test\n"
            + "max_age: 86400\n";
    static final Mta WITH_TLS = Mta.plain().withExtensions("PIPELINING", "8BITMIME", "STARTTLS");
    static TestCa ca;

    @TempDir
    Path var;
    FixtureDns dns;
    PolicyServer policyHost;
    final List<SessionResult> results = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void authority() throws Exception {
        ca = TestCa.create();
    }

    @BeforeEach
    void setUp() throws Exception {
        dns = new FixtureDns().mx("there.test.", "mx1.there.test.", "mx2.there.test.")
                .a("mx1.there.test.", "127.0.0.1").a("mx2.there.test.", "127.0.0.2")
                .txt("_mta-sts.there.test.", "v=STSv1; id=1;").a("mta-sts.there.test.", "127.0.0.1");
        policyHost = new PolicyServer(ca.issue("mta-sts.there.test"));
    }

    @AfterEach
    void tearDown() throws Exception {
        policyHost.close();
        dns.close();
    }

    RemoteDelivery delivery(int port) {
        RemoteConfig config = RemoteDeliveryTest.fast(RemoteConfig.defaults(dns.dns(), "me.here.test")
                .withMxPort(port)).withWebPki(ca.trust());
        MtaSts policies = new MtaSts(new PolicyStore(var.resolve("mta-sts")), new PolicyFetcher(policyHost.port()),
                Clock.systemUTC());
        return new RemoteDelivery(Live.fixed(config), List.of(new MtaStsRule(policies)), results::add);
    }

    Outcome send(int port) {
        return delivery(port).deliver("a@here.test", "there.test", List.of("bob@there.test"),
                RemoteDeliveryTest.SOURCE).get("bob@there.test");
    }

    static Sink sink(String host, ServerCertificate certificate, Mta behaviour, int port) throws Exception {
        return new Sink(InetAddress.getByName(host), port, behaviour, Optional.of(ServerTls.of(certificate)));
    }

    static Sink mx1(ServerCertificate certificate, Mta behaviour) throws Exception {
        return sink("127.0.0.1", certificate, behaviour, 0);
    }

    List<ResultType> failures() {
        return results.stream().flatMap(r -> r.failure().stream()).map(SessionResult.Failure::type).toList();
    }

    /** The failures of sessions with mx1 (mx2, when the policy leaves it out, is reported as not listed). */
    List<ResultType> mx1Failures() {
        return results.stream().flatMap(r -> r.failure().stream()).filter(f -> f.receivingMx().equals(
                "mx1.there.test")).map(SessionResult.Failure::type).toList();
    }

    @Test
    void enforceWithAGoodCertificateDeliversOverTls() throws Exception {
        policyHost.serve(ENFORCE.replace("mx: mx2.there.test\n", ""));
        try (Sink mx1 = mx1(ca.issue("mx1.there.test"), WITH_TLS)) {
            Outcome.Delivered delivered = assertInstanceOf(Outcome.Delivered.class, send(mx1.port()));
            assertTrue(delivered.detail().contains("TLSv1."), delivered.detail());
            assertEquals(1, results.size());
            assertTrue(results.get(0).failure().isEmpty());
            assertEquals(PolicyType.STS, results.get(0).policy().type());
            assertEquals(List.of("mx1.there.test"), results.get(0).policy().mxHosts());
        }
    }

    @Test
    void aWildcardCertificateCoversTheMxHost() throws Exception {
        policyHost.serve(ENFORCE.replace("mx: mx1.there.test\nmx: mx2.there.test\n", "mx: *.there.test\n"));
        try (Sink mx1 = mx1(ca.issue("*.there.test"), WITH_TLS)) {
            assertInstanceOf(Outcome.Delivered.class, send(mx1.port()));
        }
    }

    /** Each bad certificate: deferred with the policy's reason, reported with its type, no plain-text retry. */
    void refused(ServerCertificate certificate, ResultType type, String reason) throws Exception {
        policyHost.serve(ENFORCE.replace("mx: mx2.there.test\n", ""));
        try (Sink mx1 = mx1(certificate, WITH_TLS)) {
            Outcome.Deferred deferred = assertInstanceOf(Outcome.Deferred.class, send(mx1.port()));
            assertEquals("4.7.5", deferred.why().status());
            assertTrue(deferred.why().text().startsWith("MTA-STS policy of there.test (enforce) requires TLS: "
                    + "mx1.there.test [127.0.0.1]:" + mx1.port() + ": " + reason), deferred.why().text());
            assertEquals(List.of(type), mx1Failures());
            assertEquals(1, mx1.connections.get(), "no plain-text retry");
            assertFalse(mx1.commands.stream().anyMatch(c -> c.startsWith("MAIL")), "nothing sent in plain text");
        }
    }

    @Test
    void enforceRefusesAMismatchedCertificate() throws Exception {
        refused(ca.issue("mx.elsewhere.test"), ResultType.CERTIFICATE_HOST_MISMATCH, "certificate host mismatch");
    }

    @Test
    void enforceRefusesAnExpiredCertificate() throws Exception {
        refused(ca.expired("mx1.there.test"), ResultType.CERTIFICATE_EXPIRED, "certificate expired");
    }

    @Test
    void enforceRefusesAnUntrustedCertificate() throws Exception {
        refused(TestCa.selfSigned("mx1.there.test"), ResultType.CERTIFICATE_NOT_TRUSTED, "certificate not trusted");
    }

    @Test
    void enforceDefersWhenStarttlsIsStripped() throws Exception {
        policyHost.serve(ENFORCE.replace("mx: mx2.there.test\n", ""));
        try (Sink mx1 = mx1(ca.issue("mx1.there.test"), Mta.plain())) {
            Outcome.Deferred deferred = assertInstanceOf(Outcome.Deferred.class, send(mx1.port()));
            assertTrue(deferred.why().text().contains("requires TLS") && deferred.why().text().contains(
                    "does not offer STARTTLS"), deferred.why().text());
            assertEquals(List.of(ResultType.STARTTLS_NOT_SUPPORTED), mx1Failures());
            assertEquals(List.of(ResultType.STARTTLS_NOT_SUPPORTED, ResultType.VALIDATION_FAILURE), failures(),
                    "mx2 is not in the policy: not used, and reported");
            assertFalse(mx1.commands.stream().anyMatch(c -> c.startsWith("MAIL")));
        }
    }

    @Test
    void enforceUsesOnlyListedMxHosts() throws Exception {
        policyHost.serve(ENFORCE.replace("mx: mx1.there.test\n", ""));
        try (Sink mx1 = mx1(ca.issue("mx1.there.test"), WITH_TLS);
                Sink mx2 = sink("127.0.0.2", ca.issue("mx2.there.test"), WITH_TLS, mx1.port())) {
            assertInstanceOf(Outcome.Delivered.class, send(mx1.port()));
            assertEquals(0, mx1.connections.get(), "mx1 is not in the policy");
            assertEquals(1, mx2.messages.size());
            assertEquals(List.of(ResultType.VALIDATION_FAILURE), failures());
        }
    }

    @Test
    void enforceWithNoListedHostDefers() throws Exception {
        policyHost.serve(ENFORCE.replace("mx1.there.test", "mx9.there.test").replace("mx2.there.test",
                "mx8.there.test"));
        try (Sink mx1 = mx1(ca.issue("mx1.there.test"), WITH_TLS)) {
            Outcome.Deferred deferred = assertInstanceOf(Outcome.Deferred.class, send(mx1.port()));
            assertEquals("4.7.5", deferred.why().status());
            assertTrue(deferred.why().text().contains("mx1.there.test is not listed"), deferred.why().text());
            assertEquals(0, mx1.connections.get());
        }
    }

    @Test
    void testingDeliversDespiteABadCertificateAndReportsIt() throws Exception {
        policyHost.serve(ENFORCE.replace("enforce", "testing"));
        try (Sink mx1 = mx1(ca.issue("mx.elsewhere.test"), WITH_TLS)) {
            Outcome.Delivered delivered = assertInstanceOf(Outcome.Delivered.class, send(mx1.port()));
            assertTrue(delivered.detail().contains("TLSv1."), delivered.detail());
            assertEquals(List.of(ResultType.CERTIFICATE_HOST_MISMATCH), failures());
            assertEquals(PolicyType.STS, results.get(0).policy().type());
        }
    }

    @Test
    void aPolicyBehindABadCertificateIsNotUsed() throws Exception {
        policyHost.close();
        policyHost = new PolicyServer(ca.issue("evil.test")).serve(ENFORCE);
        try (Sink mx1 = mx1(TestCa.selfSigned("mx1.there.test"), Mta.plain())) {
            assertInstanceOf(Outcome.Delivered.class, send(mx1.port()), "no policy: opportunistic, plain text");
            assertEquals(List.of(ResultType.STS_WEBPKI_INVALID), failures());
        }
    }

    @Test
    void withoutPolicySessionsAreReportedUnderNoPolicy() throws Exception {
        dns.servfail("_mta-sts.there.test.");
        try (Sink mx1 = mx1(TestCa.selfSigned("mx1.there.test"), Mta.plain())) {
            assertInstanceOf(Outcome.Delivered.class, send(mx1.port()));
            assertEquals(List.of(ResultType.STARTTLS_NOT_SUPPORTED), failures());
            assertEquals(PolicyType.NO_POLICY_FOUND, results.get(0).policy().type());
        }
    }

    @Test
    void smtproutesRelaysAreNotHeldToTheRecipientsPolicy() throws Exception {
        policyHost.serve(ENFORCE);
        try (Sink relay = mx1(TestCa.selfSigned("relay.test"), Mta.plain())) {
            RemoteConfig base = RemoteDeliveryTest.fast(RemoteConfig.defaults(dns.dns(), "me.here.test"));
            RemoteConfig routed = new RemoteConfig(base.dns(), base.dnsTimeout(), RemoteDeliveryTest.read(
                    ControlFiles.SMTPROUTES, "there.test:[127.0.0.1]:" + relay.port()), base.auth(), base.helo(),
                    base.timeouts(), true, base.mxPort(), ca.trust(), base.dnssec());
            MtaSts policies = new MtaSts(new PolicyStore(var.resolve("mta-sts")),
                    new PolicyFetcher(policyHost.port()), Clock.systemUTC());
            Outcome out = new RemoteDelivery(Live.fixed(routed), List.of(new MtaStsRule(policies)), results::add)
                    .deliver("a@here.test", "there.test", List.of("bob@there.test"), RemoteDeliveryTest.SOURCE)
                    .get("bob@there.test");
            assertInstanceOf(Outcome.Delivered.class, out);
            assertEquals(0, policyHost.requests(), "no policy lookup for a relay");
            assertEquals(List.of(), results, "a relay's session is not one with there.test's mail hosts: not reported");
        }
    }

    @Test
    void theBounceAtTheEndOfTheQueueLifetimeCarriesThePolicysReason() throws Exception {
        policyHost.serve(ENFORCE.replace("mx: mx2.there.test\n", ""));
        Instant now = Instant.now();
        try (Sink mx1 = mx1(ca.issue("mx.elsewhere.test"), WITH_TLS);
                Queue queue = Queue.open(var.resolve("queue"))) {
            Outcome deferred = assertInstanceOf(Outcome.Deferred.class, send(mx1.port()));
            Progress expired = Progress.fresh(List.of("bob@there.test"), now).after(Map.of(0, deferred), now)
                    .expired();
            Diagnosis why = expired.recipients().get(0).last().orElseThrow();
            QueuedMessage original;
            try (Intake intake = queue.begin(new Envelope("a@here.test", List.of("bob@there.test"), "me.here.test",
                    "127.0.0.1", null, now, false, false))) {
                intake.body().write(RemoteDeliveryTest.MESSAGE);
                original = queue.read(intake.commit());
            }
            Notice notice = new Bounces("me.here.test", "postmaster@me.here.test").failed(original,
                    Map.of("bob@there.test", why), now);
            String bounce = new String(notice.message().orElseThrow().content(), StandardCharsets.UTF_8)
                    .replaceAll("\r\n[ \t]+", " ");
            assertTrue(bounce.contains("MTA-STS policy of there.test (enforce) requires TLS: mx1.there.test"),
                    bounce);
            assertTrue(bounce.contains("certificate host mismatch"), bounce);
        }
    }
}
