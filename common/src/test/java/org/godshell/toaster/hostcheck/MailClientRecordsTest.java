package org.godshell.toaster.hostcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.godshell.toaster.mailclients.ClientSettings;
import org.junit.jupiter.api.Test;

class MailClientRecordsTest {

    @Test
    void aSystemInstallPublishesEveryServiceAtItsPortWithImapPreferred() {
        List<String> lines = MailClientRecords.of("example.org", ClientSettings.of("mail.example.org",
                DnsRecordsTest.SYSTEM, true));
        assertEquals(List.of(
                "_imaps._tcp.example.org.     SRV  0 1 993 mail.example.org.",
                "_imap._tcp.example.org.      SRV  0 1 143 mail.example.org.",
                "_pop3s._tcp.example.org.     SRV  10 1 995 mail.example.org.",
                "_pop3._tcp.example.org.      SRV  10 1 110 mail.example.org.",
                "_submissions._tcp.example.org. SRV  0 1 465 mail.example.org.",
                "_submission._tcp.example.org. SRV  0 1 587 mail.example.org.",
                "_autodiscover._tcp.example.org. SRV  0 1 443 mail.example.org.",
                "autoconfig.example.org.      CNAME mail.example.org.",
                "autodiscover.example.org.    CNAME mail.example.org."), lines.subList(0, 9));
        assertTrue(lines.getLast().startsWith("HTTPS: the certificate must name autoconfig.example.org and "
                + "autodiscover.example.org too"), lines.getLast());
    }

    /** The unprivileged demo: submission and POP3S on high ports, no SMTPS, no plain POP3, no HTTPS. */
    @Test
    void aServiceTheToasterDoesNotOfferHasTheTargetDotAndTheDemosHighPortsAreKept() {
        List<String> lines = MailClientRecords.of("example.org", ClientSettings.of("mail.example.org",
                Map.of("listen-submission", 2587, "listen-pop3s", 2995), true));
        assertTrue(lines.contains("_pop3s._tcp.example.org.     SRV  10 1 2995 mail.example.org."), lines.toString());
        assertTrue(lines.contains("_pop3._tcp.example.org.      SRV  0 0 0 ."), lines.toString());
        assertTrue(lines.contains("_submissions._tcp.example.org. SRV  0 0 0 ."), lines.toString());
        assertTrue(lines.contains("_submission._tcp.example.org. SRV  0 1 2587 mail.example.org."), lines.toString());
        assertTrue(lines.stream().noneMatch(line -> line.startsWith("_autodiscover")), "no HTTPS, no SRV for it");
    }
}
