package org.godshell.toaster.hostcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import javax.naming.CommunicationException;
import org.junit.jupiter.api.Test;

/** DNS answers from a table (a fake resolver, not the network): every outcome is at worst a warning. */
class DnsCheckTest {

    private static List<Finding> check(Map<String, List<String>> records) {
        return new DnsCheck((name, type) -> records.getOrDefault(type + " " + name, List.of()))
                .check("mail.example.org", "example.org");
    }

    @Test
    void allRecordsRightIsAllOk() {
        List<Finding> findings = check(Map.of("A mail.example.org", List.of("192.0.2.25"),
                "MX example.org", List.of("10 mail.example.org."),
                "PTR 25.2.0.192.in-addr.arpa", List.of("mail.example.org.")));
        assertTrue(findings.stream().allMatch(f -> f.level() == Finding.Level.OK), findings.toString());
        assertEquals(3, findings.size());
    }

    @Test
    void missingRecordsAreWarningsWithTheRecordToPublish() {
        List<Finding> findings = check(Map.of("A mail.example.org", List.of("192.0.2.25"),
                "MX example.org", List.of("10 other.example.net.")));
        assertTrue(findings.stream().noneMatch(f -> f.level() == Finding.Level.FAIL));
        assertTrue(findings.toString().contains("publish: example.org. MX 10 mail.example.org."), findings.toString());
        assertTrue(findings.toString().contains("the PTR of 192.0.2.25 is missing"), findings.toString());
        assertTrue(check(Map.of()).toString().contains("no A record for mail.example.org"));
    }

    @Test
    void aBrokenOrHangingResolverOnlyWarns() {
        List<Finding> broken = new DnsCheck((name, type) -> {
            throw new CommunicationException("no nameserver");
        }).check("mail.example.org", "example.org");
        assertTrue(broken.stream().allMatch(f -> f.level() == Finding.Level.WARN), broken.toString());

        long started = System.nanoTime();
        List<Finding> hanging = new DnsCheck((name, type) -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        }).check("mail.example.org", "example.org");
        assertTrue((System.nanoTime() - started) / 1e9 < 10, "the DNS check must give up within seconds");
        assertEquals(Finding.Level.WARN, hanging.getFirst().level());
    }

    @Test
    void aHostileAddressInAnAnswerIsNotTurnedIntoAName() {
        List<Finding> findings = check(Map.of("A mail.example.org", List.of("not-an-address")));
        assertTrue(findings.stream().noneMatch(f -> f.message().contains("in-addr.arpa")), findings.toString());
    }
}
