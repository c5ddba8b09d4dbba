package org.godshell.toaster.hostcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.mailclients.ClientSettings;
import org.junit.jupiter.api.Test;

class DnsRecordsTest {

    /** The ports of a system install (the installer's Mode.SYSTEM). */
    static final Map<String, Integer> SYSTEM = Map.of("listen-submission", 587, "listen-smtps", 465,
            "listen-pop3", 110, "listen-pop3s", 995, "listen-https", 443);

    @Test
    void mxAddressSpfDmarcTheMailClientRecordsAndThePtrAdvice() {
        List<String> records = DnsRecords.of("example.org", "mail.example.org",
                Optional.of(ClientSettings.of("mail.example.org", SYSTEM, true)));
        assertEquals("example.org.                 MX   10 mail.example.org.", records.get(0));
        assertTrue(records.get(1).startsWith("mail.example.org.            A    <this server's public IPv4"));
        assertEquals("example.org.                 TXT  \"v=spf1 mx -all\"", records.get(2));
        assertEquals("_dmarc.example.org.          TXT  \"v=DMARC1; p=quarantine; rua=mailto:postmaster@example.org\"",
                records.get(3));
        assertEquals("_imaps._tcp.example.org.     SRV  0 1 993 mail.example.org.", records.get(4));
        assertTrue(records.contains("autoconfig.example.org.      CNAME mail.example.org."), records.toString());
        assertTrue(records.getLast().startsWith("PTR: ask whoever gives you the address to name it mail.example.org "));
    }

    @Test
    void withoutTheMailClientsSettingsTheirRecordsAreLeftOut() {
        List<String> records = DnsRecords.of("example.org", "mail.example.org", Optional.empty());
        assertEquals(5, records.size(), records.toString());
        assertTrue(records.stream().noneMatch(line -> line.contains(" SRV ")), records.toString());
    }
}
