package org.godshell.toaster.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.godshell.toaster.dns.FixtureDns;
import org.junit.jupiter.api.Test;

/**
 * The names ordered: the host name, and the service names of each domain whose A/AAAA records point only at the
 * host's addresses; the others left out with the reason (asked of a loopback DNS fixture).
 */
class AcmeNamesTest {

    @Test
    void serviceNamesThatPointHereAreOrderedAndTheOthersSaidWhy() throws Exception {
        try (FixtureDns dns = new FixtureDns()) {
            dns.a("mail.example.org.", "192.0.2.10").aaaa("mail.example.org.", "2001:db8::10");
            dns.a("mta-sts.example.org.", "192.0.2.10");
            dns.a("autoconfig.example.org.", "192.0.2.10").aaaa("autoconfig.example.org.", "2001:db8::10");
            dns.a("mta-sts.example.net.", "198.51.100.7");
            dns.a("autoconfig.example.net.", "192.0.2.10", "198.51.100.7");
            AcmeNames names = AcmeNames.choose("mail.example.org", List.of("example.org", "example.net"),
                    dns.dns());
            assertEquals(List.of("mail.example.org", "mta-sts.example.org", "autoconfig.example.org"),
                    names.names());
            assertEquals(2, names.leftOut().size(), names.leftOut().toString());
            assertTrue(names.leftOut().get(0).startsWith("mta-sts.example.net (points at 198.51.100.7"),
                    names.leftOut().toString());
            assertTrue(names.leftOut().get(1).startsWith("autoconfig.example.net (points at"),
                    names.leftOut().toString());
        }
    }

    @Test
    void withoutAddressesOnlyTheHostNameIsOrdered() throws Exception {
        try (FixtureDns dns = new FixtureDns()) {
            AcmeNames names = AcmeNames.choose("mail.example.org", List.of("example.org"), dns.dns());
            assertEquals(List.of("mail.example.org"), names.names());
            assertEquals(List.of("mta-sts.example.org (no A or AAAA record)",
                    "autoconfig.example.org (no A or AAAA record)"), names.leftOut());
        }
    }
}
