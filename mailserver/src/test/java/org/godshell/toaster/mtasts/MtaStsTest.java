package org.godshell.toaster.mtasts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.tlsrpt.ResultType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lookup of RFC 8461 §5.1: TXT record, cache, fetch; the DNS of each step is a fixture on loopback. */
class MtaStsTest {

    static final String POLICY = "version: STSv1\nmode: enforce\nmx: mx1.there.test\nmax_age: 86400\n";
    static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    static TestCa ca;

    @TempDir
    Path var;
    FixtureDns withId1;
    FixtureDns withId2;
    FixtureDns withoutRecord;

    @BeforeAll
    static void authority() throws Exception {
        ca = TestCa.create();
    }

    @BeforeEach
    void dns() throws Exception {
        withId1 = new FixtureDns().txt("_mta-sts.there.test.", "v=STSv1; id=one;").a("mta-sts.there.test.",
                "127.0.0.1");
        withId2 = new FixtureDns().txt("_mta-sts.there.test.", "v=STSv1; id=two;").a("mta-sts.there.test.",
                "127.0.0.1");
        withoutRecord = new FixtureDns().a("mta-sts.there.test.", "127.0.0.1");
    }

    @AfterEach
    void stop() throws Exception {
        withId1.close();
        withId2.close();
        withoutRecord.close();
    }

    StsLookup lookup(PolicyServer server, FixtureDns dns, Instant at) {
        return new MtaSts(new PolicyStore(var.resolve("mta-sts")), new PolicyFetcher(server.port()),
                Clock.fixed(at, ZoneOffset.UTC)).lookup("there.test", dns.dns(), ca.trust(), Duration.ofSeconds(10));
    }

    static Cached active(StsLookup lookup) {
        return assertInstanceOf(StsLookup.Active.class, lookup).policy();
    }

    @Test
    void noRecordAndNothingCachedIsNoPolicy() throws Exception {
        try (PolicyServer server = new PolicyServer(ca.issue("mta-sts.there.test")).serve(POLICY)) {
            assertInstanceOf(StsLookup.NoPolicy.class, lookup(server, withoutRecord, NOW));
            assertEquals(0, server.requests(), "no record, no fetch");
        }
    }

    @Test
    void aFetchedPolicyIsCachedUntilTheIdChanges() throws Exception {
        try (PolicyServer server = new PolicyServer(ca.issue("mta-sts.there.test")).serve(POLICY)) {
            assertEquals("one", active(lookup(server, withId1, NOW)).id());
            assertEquals(1, server.requests());
            Cached again = active(lookup(server, withId1, NOW.plus(Duration.ofHours(1))));
            assertEquals(NOW, again.fetched(), "served from the cache");
            assertEquals(1, server.requests());
            server.serve(POLICY.replace("enforce", "testing"));
            Cached changed = active(lookup(server, withId2, NOW.plus(Duration.ofHours(2))));
            assertEquals(2, server.requests(), "a new id is fetched again");
            assertEquals(Mode.TESTING, changed.policy().mode());
            assertEquals("two", changed.id());
            assertEquals(Mode.TESTING, new PolicyStore(var.resolve("mta-sts")).load("there.test").orElseThrow()
                    .policy().mode(), "the new policy replaced the old on disk");
        }
    }

    @Test
    void aBadCertificateGivesNoPolicyUnlessOneIsCached() throws Exception {
        try (PolicyServer bad = new PolicyServer(ca.issue("evil.example"))) {
            bad.serve(POLICY);
            StsLookup.Unavailable refused = assertInstanceOf(StsLookup.Unavailable.class, lookup(bad, withId1, NOW));
            assertEquals(ResultType.STS_WEBPKI_INVALID, refused.type());
        }
        try (PolicyServer good = new PolicyServer(ca.issue("mta-sts.there.test")).serve(POLICY)) {
            active(lookup(good, withId1, NOW));
        }
        try (PolicyServer bad = new PolicyServer(ca.issue("evil.example"))) {
            bad.serve(POLICY.replace("enforce", "none"));
            Cached kept = active(lookup(bad, withId2, NOW.plus(Duration.ofHours(1))));
            assertEquals(Mode.ENFORCE, kept.policy().mode(), "an attacker's certificate cannot end enforcement");
            assertEquals("one", kept.id());
            assertInstanceOf(StsLookup.Unavailable.class, lookup(bad, withId2, NOW.plus(Duration.ofDays(2))),
                    "once expired, the cached policy is gone");
        }
    }

    /** A clock the test moves. */
    static final class Hands extends Clock {
        Instant now = NOW;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aFailedFetchStandsForAWhileSoADownPolicyHostIsNotAskedAtEachDelivery() throws Exception {
        try (PolicyServer server = new PolicyServer(ca.issue("mta-sts.there.test"))
                .serve(500, "text/plain", new byte[0])) {
            Hands clock = new Hands();
            MtaSts policies = new MtaSts(new PolicyStore(var.resolve("mta-sts")), new PolicyFetcher(server.port()),
                    clock);
            StsLookup first = policies.lookup("there.test", withId1.dns(), ca.trust(), Duration.ofSeconds(10));
            assertEquals(ResultType.STS_POLICY_FETCH_ERROR, assertInstanceOf(StsLookup.Unavailable.class, first)
                    .type());
            assertEquals(first, policies.lookup("there.test", withId1.dns(), ca.trust(), Duration.ofSeconds(10)));
            assertEquals(1, server.requests(), "the failure stands");
            policies.lookup("there.test", withId2.dns(), ca.trust(), Duration.ofSeconds(10));
            assertEquals(2, server.requests(), "a new id is a new policy: asked at once");
            clock.now = clock.now.plus(MtaSts.RETRY_AFTER);
            server.serve(POLICY);
            assertEquals("two", active(policies.lookup("there.test", withId2.dns(), ca.trust(),
                    Duration.ofSeconds(10))).id());
            assertEquals(3, server.requests(), "asked again once the failure is old");
        }
    }

    @Test
    void aRemovedRecordKeepsTheCachedPolicyUntilItExpires() throws Exception {
        try (PolicyServer server = new PolicyServer(ca.issue("mta-sts.there.test")).serve(POLICY)) {
            active(lookup(server, withId1, NOW));
            assertEquals(Mode.ENFORCE, active(lookup(server, withoutRecord, NOW.plus(Duration.ofHours(23))))
                    .policy().mode());
            assertInstanceOf(StsLookup.NoPolicy.class, lookup(server, withoutRecord, NOW.plus(Duration.ofHours(25))));
        }
    }

    @Test
    void aDamagedOrHostileCacheFileIsNoPolicy() throws Exception {
        Path dir = Files.createDirectories(var.resolve("mta-sts"));
        PolicyStore store = new PolicyStore(dir);
        Files.writeString(dir.resolve("there.test"), "id one\nfetched 1\n\nversion: STSv1\nmode: enforce\n");
        assertEquals(java.util.Optional.empty(), store.load("there.test"));
        Files.writeString(dir.resolve("there.test"), "garbage");
        assertEquals(java.util.Optional.empty(), store.load("there.test"));
        assertEquals(java.util.Optional.empty(), store.load("../../etc/passwd"));
        assertEquals(java.util.Optional.empty(), store.load("x"));
    }
}
