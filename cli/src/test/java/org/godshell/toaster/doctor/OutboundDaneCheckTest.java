package org.godshell.toaster.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.godshell.toaster.dns.Dns;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.dns.SignedFixtureDns;
import org.godshell.toaster.hostcheck.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The doctor says whether delivery can apply DANE through the configured nameservers. */
class OutboundDaneCheckTest {

    @TempDir
    Path control;

    @Test
    void nameserversThatPassDnssecThroughAreOk() throws Exception {
        try (SignedFixtureDns zone = new SignedFixtureDns("lab.test.")) {
            Files.writeString(control.resolve("dnssectrustanchors"), zone.trustAnchor() + "\n");
            Finding finding = new OutboundDaneCheck(control, Dns.using(List.of(zone.address())), Clock.systemUTC())
                    .check();
            assertEquals(Finding.Level.OK, finding.level(), finding.line());
            assertTrue(finding.line().contains("the DNSSEC keys of lab.test. validate"), finding.line());
        }
    }

    @Test
    void nameserversThatStripDnssecAreAWarningNamingTheFix() throws Exception {
        try (FixtureDns plain = new FixtureDns()) {
            Finding finding = new OutboundDaneCheck(control, plain.dns(), Clock.systemUTC()).check();
            assertEquals(Finding.Level.WARN, finding.level(), finding.line());
            assertTrue(finding.line().contains("DANE for mail out is off: ") && finding.line().contains("Unbound"),
                    finding.line());
        }
    }

    @Test
    void aBrokenTrustAnchorFileFails() throws Exception {
        Files.writeString(control.resolve("dnssectrustanchors"), ". IN A 192.0.2.1\n");
        try (FixtureDns plain = new FixtureDns()) {
            Finding finding = new OutboundDaneCheck(control, plain.dns(), Clock.systemUTC()).check();
            assertEquals(Finding.Level.FAIL, finding.level(), finding.line());
            assertTrue(finding.line().contains("dnssectrustanchors:1: "), finding.line());
        }
    }
}
