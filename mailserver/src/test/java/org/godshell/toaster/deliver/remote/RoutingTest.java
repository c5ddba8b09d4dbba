package org.godshell.toaster.deliver.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.godshell.toaster.config.SmarthostAuth;
import org.godshell.toaster.config.SmtpRoutes;
import org.godshell.toaster.deliver.Diagnosis;
import org.godshell.toaster.deliver.Outcome;
import org.godshell.toaster.dns.FixtureDns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MX answers from a fixture DNS server on loopback; no connection is needed for these outcomes. */
class RoutingTest {

    FixtureDns dns;

    @BeforeEach
    void dns() throws Exception {
        dns = new FixtureDns();
    }

    @AfterEach
    void stop() throws Exception {
        dns.close();
    }

    private Outcome deliver(String domain) {
        RemoteConfig config = RemoteDeliveryTest.fast(RemoteConfig.defaults(dns.dns(), "me.here.test")
                .withMxPort(1));
        return new RemoteDelivery(config).deliver("a@here.test", domain, List.of("x@" + domain),
                RemoteDeliveryTest.SOURCE).get("x@" + domain);
    }

    private static Diagnosis failed(Outcome outcome) {
        return assertInstanceOf(Outcome.Failed.class, outcome).why();
    }

    @Test
    void nullMxFailsAtOnce() {
        dns.mx("null.test.", 0, ".");
        assertEquals("5.1.10", failed(deliver("null.test")).status());
    }

    @Test
    void nxdomainFails() {
        Diagnosis why = failed(deliver("nowhere.test"));
        assertEquals("5.1.2", why.status());
        assertTrue(why.text().contains("NXDOMAIN"), why.text());
    }

    @Test
    void servfailAndSilenceDefer() {
        dns.servfail("broken.test.").silent("slow.test.");
        for (String domain : new String[] {"broken.test", "slow.test"}) {
            Outcome out = deliver(domain);
            assertEquals("4.4.3", assertInstanceOf(Outcome.Deferred.class, out).why().status(), domain);
        }
    }

    @Test
    void noMxAndNoAddressFails() {
        dns.txt("bare.test.", "v=spf1 -all");
        assertEquals("5.1.2", failed(deliver("bare.test")).status());
    }

    @Test
    void mxHostsWithoutAddressesFail() {
        dns.mx("ghost.test.", "nohost.ghost.test.");
        assertEquals("5.4.4", failed(deliver("ghost.test")).status());
    }

    @Test
    void mxHostLookupFailureDefers() {
        dns.mx("half.test.", "mx.half.test.").servfail("mx.half.test.");
        assertEquals("4.4.3", assertInstanceOf(Outcome.Deferred.class, deliver("half.test")).why().status());
    }

    @Test
    void implicitMxIsTheDomainsOwnAddress() {
        dns.a("implicit.test.", "127.0.0.2");
        Routing routing = routing(new Random(1));
        Routing.Destination.Hosts hosts = assertInstanceOf(Routing.Destination.Hosts.class,
                routing.find("implicit.test"));
        assertTrue(hosts.implicit());
        assertEquals("implicit.test", hosts.hosts().get(0).name());
        assertEquals("4.4.1", assertInstanceOf(Outcome.Deferred.class, deliver("implicit.test")).why().status());
    }

    @Test
    void preferenceOrderWithEqualPreferencesShuffled() {
        dns.mx("spread.test.", 20, "c.spread.test.").mx("spread.test.", 10, "a.spread.test.")
                .mx("spread.test.", 10, "b.spread.test.").mx("spread.test.", 0, ".");
        Set<String> firsts = new HashSet<>();
        for (int seed = 0; seed < 40; seed++) {
            Routing.Destination.Hosts hosts = assertInstanceOf(Routing.Destination.Hosts.class,
                    routing(new Random(seed)).find("spread.test"));
            List<String> names = hosts.hosts().stream().map(Routing.Host::name).toList();
            assertEquals(3, names.size(), "the root target is skipped: " + names);
            assertEquals("c.spread.test", names.get(2));
            firsts.add(names.get(0));
        }
        assertEquals(Set.of("a.spread.test", "b.spread.test"), firsts);
    }

    @Test
    void badDomainsFailWithoutDns() {
        assertEquals("5.1.2", failed(deliver("[999.1.1.1]")).status());
        assertEquals("5.1.2", failed(deliver("a".repeat(64) + ".test")).status());
        assertEquals(0, dns.queries());
    }

    private Routing routing(Random random) {
        return new Routing(dns.dns(), Duration.ofSeconds(2), SmtpRoutes.none(), SmarthostAuth.none(), 25, random);
    }
}
