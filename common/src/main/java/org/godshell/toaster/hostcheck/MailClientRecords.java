package org.godshell.toaster.hostcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.mailclients.ClientService;
import org.godshell.toaster.mailclients.ClientService.Protocol;
import org.godshell.toaster.mailclients.ClientService.Security;
import org.godshell.toaster.mailclients.ClientSettings;

/**
 * The DNS records that let mail clients set themselves up from an address alone: RFC 6186's SRV records, with
 * RFC 8314 §5.1's {@code _submissions} for TLS on connect, Outlook's {@code _autodiscover._tcp} SRV record, and
 * the {@code autoconfig} and {@code autodiscover} names Thunderbird and Outlook ask the web server under, whose
 * HTTPS needs a certificate with those names (a client that does not trust it tries its next way).
 *
 * <p>Every service label is published: at the port the toaster serves it on, or with the target "." when it
 * does not offer it, which RFC 2782 defines as "decidedly not available", so that a client stops looking
 * instead of guessing a port. IMAP has priority 0 and POP3 10: RFC 6186 §3.4 lets a domain that offers both say
 * which it prefers, and IMAP keeps the mail on the server for every device.
 */
final class MailClientRecords {

    static final int IMAP_PRIORITY = 0;
    static final int POP3_PRIORITY = 10;

    private MailClientRecords() {
    }

    static List<String> of(String domain, ClientSettings clients) {
        String host = clients.host() + ".";
        List<String> lines = new ArrayList<>();
        lines.add(srv("_imaps", domain, IMAP_PRIORITY, clients.find(Protocol.IMAP, Security.TLS), host));
        lines.add(srv("_imap", domain, IMAP_PRIORITY, clients.find(Protocol.IMAP, Security.STARTTLS), host));
        lines.add(srv("_pop3s", domain, POP3_PRIORITY, clients.find(Protocol.POP3, Security.TLS), host));
        lines.add(srv("_pop3", domain, POP3_PRIORITY, clients.find(Protocol.POP3, Security.STARTTLS), host));
        lines.add(srv("_submissions", domain, 0, clients.find(Protocol.SMTP, Security.TLS), host));
        lines.add(srv("_submission", domain, 0, clients.find(Protocol.SMTP, Security.STARTTLS), host));
        // Outlook asks this SRV record after the autodiscover names fail: it needs a certificate for the host only.
        clients.https().ifPresent(port -> lines.add(record("_autodiscover._tcp." + domain + ".", "SRV",
                "0 1 " + port + " " + host)));
        lines.add(record("autoconfig." + domain + ".", "CNAME", host));
        lines.add(record("autodiscover." + domain + ".", "CNAME", host));
        lines.add("HTTPS: the certificate must name autoconfig." + domain + " and autodiscover." + domain
                + " too (a file in control/servercerts/, see the wiki's TLS page), or clients skip those names");
        return lines;
    }

    private static String srv(String service, String domain, int priority, Optional<ClientService> offered,
            String host) {
        String value = offered.map(s -> priority + " 1 " + s.port() + " " + host).orElse("0 0 0 .");
        return record(service + "._tcp." + domain + ".", "SRV", value);
    }

    private static String record(String name, String type, String value) {
        return String.format("%-28s %-4s %s", name, type, value);
    }
}
