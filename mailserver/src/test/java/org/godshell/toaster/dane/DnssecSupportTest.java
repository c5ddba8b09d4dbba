package org.godshell.toaster.dane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.dns.SignedFixtureDns;
import org.junit.jupiter.api.Test;

/** DANE applies only where the nameservers pass DNSSEC through; the change is said once. */
class DnssecSupportTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** A clock the test moves. */
    private static final class Hands extends Clock {
        private Instant now = Instant.parse("2026-12-06T00:00:00Z");

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
    void aNameserverThatServesSignaturesMakesDaneApply() throws Exception {
        try (SignedFixtureDns zone = new SignedFixtureDns("signed.test.")) {
            List<String> log = new CopyOnWriteArrayList<>();
            TrustAnchors anchors = SignedZones.anchorsOf(zone);
            DnssecSupport support = new DnssecSupport(SignedZones.secureDns(zone), anchors, TIMEOUT,
                    Clock.systemUTC(), log::add);
            assertTrue(support.available());
            assertTrue(support.available());
            assertEquals(List.of("dane: the nameservers pass DNSSEC through; DANE applies"), log);
            assertEquals("the DNSSEC keys of signed.test. validate", support.describe());
        }
    }

    @Test
    void aNameserverThatStripsSignaturesTurnsDaneOffAndSaysSoOnce() throws Exception {
        try (SignedFixtureDns zone = new SignedFixtureDns("signed.test."); FixtureDns plain = new FixtureDns()) {
            // The anchors are the signed zone's, the nameserver knows nothing of its keys: what a resolver that
            // drops DNSSEC records looks like from here.
            plain.mx("signed.test.", "mx.signed.test.");
            List<String> log = new CopyOnWriteArrayList<>();
            Hands clock = new Hands();
            TrustAnchors anchors = SignedZones.anchorsOf(zone);
            DnssecSupport support = new DnssecSupport(SecureDns.using(List.of(plain.address()), anchors), anchors,
                    TIMEOUT, clock, log::add);
            assertFalse(support.available());
            int asked = plain.queries();
            assertFalse(support.available());
            assertEquals(asked, plain.queries(), "the answer is kept, not asked again at each delivery");
            clock.now = clock.now.plus(DnssecSupport.KEEP);
            assertFalse(support.available());
            assertTrue(plain.queries() > asked, "asked again once the answer is old");
            assertEquals(1, log.size(), log.toString());
            assertTrue(log.getFirst().startsWith("dane: DANE is off: the DNSSEC keys of signed.test. do not validate"),
                    log.getFirst());
        }
    }

    @Test
    void theBuiltInRootAnchorsAreProbedAtTheRoot() throws Exception {
        try (FixtureDns plain = new FixtureDns()) {
            List<String> log = new CopyOnWriteArrayList<>();
            DnssecSupport support = new DnssecSupport(SecureDns.using(List.of(plain.address()), TrustAnchors.root()),
                    TrustAnchors.root(), TIMEOUT, Clock.systemUTC(), log::add);
            assertFalse(support.available(), "a fixture has no root keys");
            assertTrue(log.getFirst().contains("the DNSSEC keys of . do not validate"), log.getFirst());
        }
    }
}
