package org.godshell.toaster.arc;

import org.godshell.toaster.dns.FixtureDns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The ARC test classes' common start and end: the fixture zone on loopback ({@link Fixture#zone}) and a verifier. */
abstract class ZoneTest {

    static FixtureDns dns;
    static ChainVerifier verifier;

    @BeforeAll
    static void startZone() throws Exception {
        dns = Fixture.zone();
        verifier = Fixture.verifier(dns);
    }

    @AfterAll
    static void stopZone() throws InterruptedException {
        dns.close();
    }
}
