package org.godshell.toaster.tlsrpt.record;

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
 * Finds a policy domain's TLSRPT record: the TXT records at {@code _smtp._tls.DOMAIN}, those that do not begin
 * with {@code v=TLSRPTv1;} discarded, and anything but exactly one left means the domain does not take reports
 * (RFC 8460 §3). A DNS failure is {@link Found.Temporary}, never "no record".
 */
public final class RecordLookup {

    /** What the lookup found for one domain. */
    public sealed interface Found {
        record Published(ReportingRecord record) implements Found {}

        /** No record, several, or one that does not parse: the domain gets no report. */
        record None(String why) implements Found {}

        record Temporary(String why) implements Found {}
    }

    private final Dns dns;
    private final Duration timeout;

    public RecordLookup(Dns dns, Duration timeout) {
        this.dns = dns;
        this.timeout = timeout;
    }

    public Found find(String policyDomain) {
        String name = "_smtp._tls." + policyDomain;
        if (!Dns.valid(name)) {
            return new Found.None("not a DNS name: " + RecordParser.printable(name));
        }
        return switch (dns.query(name, Type.TXT, timeout)) {
            case Answer.Empty empty -> new Found.None("no TXT record at " + name);
            case Answer.Temporary failure -> new Found.Temporary(name + ": " + failure.reason());
            case Answer.Data data -> select(name, data.records());
        };
    }

    private static Found select(String name, List<Record> records) {
        List<String> tlsrpt = new ArrayList<>();
        for (Record record : records) {
            String text = text((TXTRecord) record);
            if (RecordParser.isTlsrpt(text)) {
                tlsrpt.add(text);
            }
        }
        if (tlsrpt.size() != 1) {
            return new Found.None(tlsrpt.isEmpty() ? "no TLSRPT record at " + name
                    : tlsrpt.size() + " TLSRPT records at " + name + " (RFC 8460 section 3: none is used)");
        }
        return switch (RecordParser.parse(tlsrpt.get(0))) {
            case Parsed.Valid valid -> new Found.Published(valid.record());
            case Parsed.Invalid invalid -> new Found.None("the TLSRPT record at " + name + " is invalid: "
                    + invalid.why());
        };
    }

    /**
     * The strings of a TXT record joined without separators (as RFC 7208 §3.3 does for SPF), each byte
     * one character, so that a byte outside ASCII reaches the parser, which refuses it.
     */
    private static String text(TXTRecord record) {
        StringBuilder text = new StringBuilder();
        for (byte[] string : record.getStringsAsByteArrays()) {
            text.append(new String(string, StandardCharsets.ISO_8859_1));
        }
        return text.toString();
    }
}
