package org.godshell.toaster.mtasts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.tlsrpt.ResultType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fetches over HTTPS from a loopback policy host whose address only the fixture DNS knows. */
class PolicyFetcherTest {

    static final String POLICY = "version: STSv1\nmode: enforce\nmx: mx1.there.test\nmax_age: 86400\n";
    static TestCa ca;
    static FixtureDns dns;

    @BeforeAll
    static void setUp() throws Exception {
        ca = TestCa.create();
        dns = new FixtureDns();
        dns.a("mta-sts.there.test.", "127.0.0.1");
    }

    @AfterAll
    static void tearDown() throws Exception {
        dns.close();
    }

    Fetched fetch(PolicyServer server, WebPki trust) {
        return new PolicyFetcher(server.port()).fetch("there.test", dns.dns(), trust, Duration.ofSeconds(10));
    }

    Fetched.Failed failed(PolicyServer server, WebPki trust) {
        return assertInstanceOf(Fetched.Failed.class, fetch(server, trust));
    }

    @Test
    void aGoodCertificateAndAPlainTextPolicyGiveThePolicy() throws Exception {
        try (PolicyServer server = new PolicyServer(ca.issue("mta-sts.there.test")).serve(POLICY)) {
            Policy policy = assertInstanceOf(Fetched.Found.class, fetch(server, ca.trust())).policy();
            assertEquals(Mode.ENFORCE, policy.mode());
            assertTrue(policy.allows("mx1.there.test"));
        }
    }

    @Test
    void aCertificateForAnotherNameIsRefused() throws Exception {
        try (PolicyServer server = new PolicyServer(ca.issue("www.there.test")).serve(POLICY)) {
            assertEquals(ResultType.STS_WEBPKI_INVALID, failed(server, ca.trust()).type());
        }
    }

    @Test
    void anUntrustedOrExpiredCertificateIsRefused() throws Exception {
        try (PolicyServer server = new PolicyServer(ca.issue("mta-sts.there.test")).serve(POLICY)) {
            assertEquals(ResultType.STS_WEBPKI_INVALID, failed(server, WebPki.jdk()).type(),
                    "the test CA is not among the JDK's authorities");
        }
        try (PolicyServer server = new PolicyServer(TestCa.selfSigned("mta-sts.there.test")).serve(POLICY)) {
            assertEquals(ResultType.STS_WEBPKI_INVALID, failed(server, ca.trust()).type());
        }
        try (PolicyServer server = new PolicyServer(ca.expired("mta-sts.there.test")).serve(POLICY)) {
            assertEquals(ResultType.STS_WEBPKI_INVALID, failed(server, ca.trust()).type());
        }
    }

    @Test
    void redirectsAreNotFollowedAndOnly200Counts() throws Exception {
        try (PolicyServer server = new PolicyServer(ca.issue("mta-sts.there.test"))) {
            server.redirect("https://mta-sts.there.test:" + server.port() + "/.well-known/mta-sts.txt");
            Fetched.Failed redirected = failed(server, ca.trust());
            assertEquals(ResultType.STS_POLICY_FETCH_ERROR, redirected.type());
            assertTrue(redirected.why().contains("301"), redirected.why());
            assertEquals(1, server.requests(), "the redirect was not followed");
            server.serve(404, "text/plain", POLICY.getBytes(StandardCharsets.US_ASCII));
            assertEquals(ResultType.STS_POLICY_FETCH_ERROR, failed(server, ca.trust()).type());
        }
    }

    @Test
    void anotherContentTypeOrAnInvalidPolicyIsInvalid() throws Exception {
        try (PolicyServer server = new PolicyServer(ca.issue("mta-sts.there.test"))) {
            server.serve(200, "text/html", POLICY.getBytes(StandardCharsets.US_ASCII));
            assertEquals(ResultType.STS_POLICY_INVALID, failed(server, ca.trust()).type());
            server.serve("version: STSv1\nmode: enforce\n");
            assertEquals(ResultType.STS_POLICY_INVALID, failed(server, ca.trust()).type());
        }
    }

    @Test
    void aBodyOverTheCapIsNotRead() throws Exception {
        try (PolicyServer server = new PolicyServer(ca.issue("mta-sts.there.test"))) {
            server.serve(200, "text/plain", (POLICY + "x: " + "a".repeat(200_000) + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            Fetched.Failed big = failed(server, ca.trust());
            assertEquals(ResultType.STS_POLICY_INVALID, big.type(), big.why());
            assertTrue(big.why().contains("larger"), big.why());
        }
    }

    @Test
    void aPolicyHostWithoutAddressIsAFetchError() throws Exception {
        Fetched.Failed none = assertInstanceOf(Fetched.Failed.class, new PolicyFetcher(1).fetch("nowhere.test",
                dns.dns(), ca.trust(), Duration.ofSeconds(5)));
        assertEquals(ResultType.STS_POLICY_FETCH_ERROR, none.type());
        assertTrue(none.why().contains("NXDOMAIN"), none.why());
    }
}
