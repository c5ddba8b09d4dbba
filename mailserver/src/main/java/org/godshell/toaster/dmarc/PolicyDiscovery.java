package org.godshell.toaster.dmarc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.godshell.toaster.dns.Answer;
import org.godshell.toaster.dns.Dns;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Policy discovery (RFC 7489 §6.6.3): the TXT records at {@code _dmarc.AUTHOR}, else at
 * {@code _dmarc.ORGANIZATIONAL-DOMAIN}; records that do not start with {@code v=DMARC1} are discarded; several
 * DMARC records at one name mean no policy. Every question shares one deadline, and a DNS failure is a
 * {@link Discovery.Temporary}, never taken for "no record".
 */
final class PolicyDiscovery {

    /** What discovery found for one author domain. */
    sealed interface Discovery {
        /** One usable record, at {@code domain}. */
        record Found(DmarcRecord record, String domain) implements Discovery {
        }

        /** No policy: no DMARC record at either name. */
        record NoPolicy(String reason) implements Discovery {
        }

        /** No policy either: several DMARC records at one name (§6.6.3 step 6), so no look further up. */
        record Several(String reason) implements Discovery {
        }

        /** One DMARC record at {@code domain} that cannot be used (§6.6.3 step 5). */
        record Invalid(String domain, String reason) implements Discovery {
        }

        /** A DNS failure, or no time left to ask. */
        record Temporary(String reason) implements Discovery {
        }
    }

    private final Dns dns;
    private final PublicSuffixList suffixes;
    private final long deadline;

    /** {@code deadline}: a {@link System#nanoTime()} after which no question is asked. */
    PolicyDiscovery(Dns dns, PublicSuffixList suffixes, long deadline) {
        this.dns = dns;
        this.suffixes = suffixes;
        this.deadline = deadline;
    }

    /** {@code author}: a From domain in the form of {@link DomainName#ascii}. */
    Discovery discover(String author) {
        Discovery atAuthor = at(author);
        if (!(atAuthor instanceof Discovery.NoPolicy)) {
            return atAuthor;
        }
        String organizational = suffixes.organizationalDomain(author).orElse(author);
        if (organizational.equals(author)) {
            return atAuthor;
        }
        Discovery atOrganization = at(organizational);
        return atOrganization instanceof Discovery.NoPolicy ? new Discovery.NoPolicy("no DMARC record for "
                + author + " or its organizational domain " + organizational) : atOrganization;
    }

    private Discovery at(String domain) {
        String name = "_dmarc." + domain;
        if (name.length() > DomainName.MAX_LENGTH) {
            return new Discovery.NoPolicy("no DMARC record: " + name + " is too long to be a DNS name");
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return new Discovery.Temporary("no time left to ask for " + name);
        }
        return switch (dns.query(name, Type.TXT, Duration.ofNanos(left))) {
            case Answer.Temporary failure -> new Discovery.Temporary("DNS failure for " + name + ": "
                    + failure.reason());
            case Answer.Empty empty -> new Discovery.NoPolicy("no DMARC record at " + name);
            case Answer.Data data -> select(domain, name, data.records());
        };
    }

    private static Discovery select(String domain, String name, List<Record> records) {
        List<String> dmarc = new ArrayList<>();
        for (Record record : records) {
            String text = text((TXTRecord) record);
            if (DmarcRecord.isDmarc(text)) {
                dmarc.add(text);
            }
        }
        if (dmarc.size() > 1) {
            return new Discovery.Several("several DMARC records at " + name
                    + " (RFC 7489 section 6.6.3: no policy)");
        }
        if (dmarc.isEmpty()) {
            return new Discovery.NoPolicy("no DMARC record at " + name);
        }
        return switch (DmarcRecord.parse(dmarc.get(0))) {
            case DmarcRecord.Parse.Found found -> new Discovery.Found(found.record(), domain);
            case DmarcRecord.Parse.Invalid invalid -> new Discovery.Invalid(domain, "the DMARC record at " + name
                    + " is unusable: " + invalid.reason());
        };
    }

    /**
     * The record's strings joined with nothing between them, as SPF does (RFC 7208 §3.3), byte for byte: each
     * byte one character, so a byte outside ASCII reaches the parser, which refuses it, instead of being
     * decoded into something else.
     */
    private static String text(TXTRecord record) {
        StringBuilder text = new StringBuilder();
        for (byte[] string : record.getStringsAsByteArrays()) {
            text.append(new String(string, StandardCharsets.ISO_8859_1));
        }
        return text.toString();
    }
}
