package org.godshell.toaster.tlspublish;

import java.util.ArrayList;
import java.util.List;

/**
 * The DNS records that ask other servers to insist on TLS with a domain, as {@code toaster dns} prints them:
 * the name the policy is fetched from ({@code mta-sts.DOMAIN}, RFC 8461 §3.3), the {@code _mta-sts} record with
 * the policy's id (§3.1, only when a policy is served), the {@code _smtp._tls} record asking for reports (RFC
 * 8460 §3), and the host's TLSA records (RFC 7672 §3.1), which DNSSEC must sign to count.
 */
public final class InboundRecords {

    private InboundRecords() {
    }

    /**
     * RFC 8460 §3: reports go to the domain's postmaster, which RFC 5321 §4.5.1 requires every domain to have,
     * as the DMARC record's {@code rua} does.
     */
    public static String tlsRpt(String domain) {
        return "v=TLSRPTv1; rua=mailto:postmaster@" + domain;
    }

    /** The zone-file lines of {@code domain} served by {@code host}, in the format of the other records. */
    public static List<String> of(String domain, String host, StsPolicy policy, List<Tlsa> keys) {
        List<String> lines = new ArrayList<>();
        lines.add(record("mta-sts." + domain + ".", "CNAME", host + "."));
        if (policy.published()) {
            lines.add(record("_mta-sts." + domain + ".", "TXT", "\"" + policy.txt() + "\"") + "   (mode "
                    + policy.mode().word() + ")");
        }
        lines.add(record("_smtp._tls." + domain + ".", "TXT", "\"" + tlsRpt(domain) + "\""));
        keys.forEach(key -> lines.add(record(Tlsa.owner(host) + ".", "TLSA", key.data())));
        if (policy.published()) {
            lines.add("HTTPS: the certificate must name mta-sts." + domain + " too (toaster cert acme, or a file in "
                    + "control/servercerts/), or senders cannot fetch the MTA-STS policy");
        }
        if (!keys.isEmpty()) {
            lines.add("TLSA: only with a DNSSEC-signed zone, and publish a new key's record before the key is "
                    + "used (wiki page Transport security)");
        }
        return List.copyOf(lines);
    }

    private static String record(String name, String type, String value) {
        return String.format("%-28s %-4s %s", name, type, value);
    }
}
