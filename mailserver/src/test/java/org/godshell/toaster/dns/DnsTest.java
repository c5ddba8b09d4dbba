package org.godshell.toaster.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The facade against a fixture server on loopback; never the Internet. */
class DnsTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private final FixtureDns fixture = start();

    private static FixtureDns start() {
        try {
            return new FixtureDns().a("2.0.0.127.bl.test.", "127.0.0.2", "127.0.0.10").a("empty.test.")
                    .silent("slow.test.").servfail("broken.test.");
        } catch (java.net.SocketException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        fixture.close();
    }

    @Test
    void found() throws Exception {
        Lookup lookup = fixture.dns().ipv4("2.0.0.127.bl.test.", TIMEOUT);
        assertEquals(new Lookup.Found(List.of((java.net.Inet4Address) InetAddress.getByName("127.0.0.2"),
                (java.net.Inet4Address) InetAddress.getByName("127.0.0.10"))), lookup);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "3.0.0.127.bl.test., NoAddress",
        "empty.test.,        NoAddress",
        "slow.test.,         Temporary",
        "broken.test.,       Temporary",
        // No final dot: still absolute, never a search domain appended (the fixture knows only the absolute name).
        "2.0.0.127.bl.test,  Found",
    })
    void outcomes(String name, String kind) {
        assertEquals(kind, fixture.dns().ipv4(name, TIMEOUT).getClass().getSimpleName());
    }

    @Test
    void timeoutIsKept() {
        long start = System.nanoTime();
        Lookup lookup = fixture.dns().ipv4("slow.test.", Duration.ofMillis(300));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertInstanceOf(Lookup.Temporary.class, lookup);
        // Bounded, not a timing claim: well under the 5 s dnsjava would otherwise wait.
        assertTrue(millis < 4000, millis + " ms");
    }

    @Test
    void nextServerAfterAFailingOne() throws Exception {
        try (FixtureDns broken = new FixtureDns().servfail("2.0.0.127.bl.test.")) {
            Dns dns = Dns.using(List.of(broken.address(), fixture.address()));
            assertInstanceOf(Lookup.Found.class, dns.ipv4("2.0.0.127.bl.test.", TIMEOUT));
            assertEquals(1, broken.queries());
        }
    }

    @Test
    void servfailReason() {
        Lookup.Temporary failure = (Lookup.Temporary) fixture.dns().ipv4("broken.test.", TIMEOUT);
        assertTrue(failure.reason().contains("SERVFAIL"), failure.reason());
    }

    @Test
    void badNames() {
        assertFalse(Dns.valid("a".repeat(64) + ".test."));
        assertTrue(Dns.valid("zen.spamhaus.org"));
        assertThrows(IllegalArgumentException.class, () -> fixture.dns().ipv4("a".repeat(64) + ".test.", TIMEOUT));
    }

    @Test
    void describe() throws Exception {
        Dns dns = Dns.using(List.of(new InetSocketAddress(InetAddress.getByName("192.0.2.53"), 53),
                new InetSocketAddress(InetAddress.getByName("::1"), 5353)));
        assertEquals("192.0.2.53:53 [0:0:0:0:0:0:0:1]:5353", dns.describe());
    }
}
