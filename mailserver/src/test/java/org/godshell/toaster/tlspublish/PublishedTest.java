package org.godshell.toaster.tlspublish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.godshell.toaster.dns.FixtureDns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What DNS publishes, asked of the loopback fixture: TXT strings joined, TLSA as text, addresses, failures. */
class PublishedTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private FixtureDns fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new FixtureDns();
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void aTxtRecordOfSeveralStringsIsJoined() {
        fixture.txt("_mta-sts.example.org.", "v=STSv1; ", "id=abc").txt("_mta-sts.example.org.", "other");
        Published.Found found = assertInstanceOf(Published.Found.class, Published.txt(fixture.dns(),
                "_mta-sts.example.org", TIMEOUT));
        assertEquals(List.of("v=STSv1; id=abc", "other"), found.values());
    }

    @Test
    void tlsaRecordsAreWrittenAsAZoneFileDoes() {
        byte[] hash = HexFormat.of().parseHex("ab".repeat(32));
        fixture.tlsa("_25._tcp.mail.example.org.", 3, 1, 1, hash);
        assertEquals(new Published.Found(List.of("3 1 1 " + "ab".repeat(32))), Published.tlsa(fixture.dns(),
                "_25._tcp.mail.example.org", TIMEOUT));
    }

    @Test
    void addressesAreBothFamilies() {
        fixture.a("mta-sts.example.org.", "192.0.2.25").aaaa("mta-sts.example.org.", "2001:db8::25");
        assertEquals(new Published.Found(List.of("192.0.2.25", "2001:db8:0:0:0:0:0:25")), Published.addresses(
                fixture.dns(), "mta-sts.example.org", TIMEOUT));
    }

    @Test
    void nothingThereIsMissingAndAFailureIsUnknown() {
        fixture.servfail("_smtp._tls.example.org.");
        assertEquals(new Published.Missing(), Published.txt(fixture.dns(), "_mta-sts.example.org", TIMEOUT));
        assertInstanceOf(Published.Unknown.class, Published.txt(fixture.dns(), "_smtp._tls.example.org", TIMEOUT));
        assertInstanceOf(Published.Unknown.class, Published.txt(fixture.dns(), "a".repeat(64) + ".example.org",
                TIMEOUT), "not a DNS name: never asked");
    }
}
