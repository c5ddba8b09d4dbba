package org.godshell.toaster.hostcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DnsRecordsTest {

    @Test
    void mxAddressSpfDmarcAndThePtrAdvice() {
        List<String> records = DnsRecords.of("example.org", "mail.example.org");
        assertEquals("example.org.                 MX   10 mail.example.org.", records.get(0));
        assertTrue(records.get(1).startsWith("mail.example.org.            A    <this server's public IPv4"));
        assertEquals("example.org.                 TXT  \"v=spf1 mx -all\"", records.get(2));
        assertEquals("_dmarc.example.org.          TXT  \"v=DMARC1; p=quarantine; rua=mailto:postmaster@example.org\"",
                records.get(3));
        assertTrue(records.get(4).startsWith("PTR: ask whoever gives you the address to name it mail.example.org "));
    }
}
