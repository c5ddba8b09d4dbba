package org.godshell.toaster.hostcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.mailclients.ClientSettings;

/**
 * The DNS records to publish for a mail domain served by one host: what a receiver looks at before it trusts
 * mail from this server, and what a mail client looks at to set itself up. Printed at the end of an install and
 * by {@code toaster dns}; the names are checked by whoever gives them.
 */
public final class DnsRecords {

    private DnsRecords() {
    }

    /**
     * One line per record, in zone-file order of name, type and value: MX (RFC 5321 §5.1), A and AAAA for the
     * host, SPF (RFC 7208 §3: "mx" allows the MX hosts), DMARC (RFC 7489 §6.1: {@code p=quarantine}, since the
     * toaster signs its domains' mail with DKIM, which survives forwarding as SPF does not), the records of mail
     * clients' setup ({@link MailClientRecords}, when their settings are known), then the PTR advice (RFC 1912
     * §2.1: a PTR that matches the host name).
     */
    public static List<String> of(String domain, String hostName, Optional<ClientSettings> clients) {
        List<String> lines = new ArrayList<>(List.of(
                String.format("%-28s MX   10 %s.", domain + ".", hostName),
                String.format("%-28s A    <this server's public IPv4 address> (and AAAA for IPv6)", hostName + "."),
                String.format("%-28s TXT  \"v=spf1 mx -all\"", domain + "."),
                String.format("%-28s TXT  \"v=DMARC1; p=quarantine; rua=mailto:postmaster@%s\"",
                        "_dmarc." + domain + ".", domain)));
        clients.ifPresent(settings -> lines.addAll(MailClientRecords.of(domain, settings)));
        lines.add("PTR: ask whoever gives you the address to name it " + hostName + " (reverse DNS); many receivers"
                + " refuse mail from addresses without it");
        return List.copyOf(lines);
    }
}
