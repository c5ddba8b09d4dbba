package org.godshell.toaster.tlspublish;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.godshell.toaster.dns.Answer;
import org.godshell.toaster.dns.Dns;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * What DNS publishes now at a name, asked through the toaster's resolver ({@code control/dnsservers}), as text
 * the checks compare with what should be there: TXT records as their strings joined (RFC 7208 §3.3 reads them
 * so, and RFC 8461 §3.1 and RFC 8460 §3 point there), TLSA records as {@code usage selector matching hex}, and
 * addresses. DNSSEC is not checked here: this says what is published, not whether a sender may believe it.
 */
public sealed interface Published {

    /** The records found (at least one). */
    record Found(List<String> values) implements Published {
        public Found {
            values = List.copyOf(values);
        }
    }

    /** The name does not exist, or has no record of that type. */
    record Missing() implements Published {}

    /** No usable answer: every nameserver failed or timed out. */
    record Unknown(String reason) implements Published {}

    static Published txt(Dns dns, String name, Duration timeout) {
        // The strings' bytes as they are (getStrings() would write \ddd escapes), one char per byte.
        return ask(dns, name, Type.TXT, timeout, record -> ((TXTRecord) record).getStringsAsByteArrays().stream()
                .map(bytes -> new String(bytes, StandardCharsets.ISO_8859_1)).collect(Collectors.joining()));
    }

    static Published tlsa(Dns dns, String name, Duration timeout) {
        return ask(dns, name, Type.TLSA, timeout, record -> {
            TLSARecord tlsa = (TLSARecord) record;
            return tlsa.getCertificateUsage() + " " + tlsa.getSelector() + " " + tlsa.getMatchingType() + " "
                    + HexFormat.of().formatHex(tlsa.getCertificateAssociationData());
        });
    }

    /** The IPv4 and IPv6 addresses of {@code name}, as {@link InetAddress#getHostAddress} writes them. */
    static Published addresses(Dns dns, String name, Duration timeout) {
        List<String> found = new ArrayList<>();
        for (int type : new int[] {Type.A, Type.AAAA}) {
            switch (ask(dns, name, type, timeout, Published::address)) {
                case Found f -> found.addAll(f.values());
                case Unknown u -> {
                    return u;
                }
                case Missing m -> { }
            }
        }
        return found.isEmpty() ? new Missing() : new Found(found);
    }

    private static String address(Record record) {
        InetAddress address = switch (record) {
            case ARecord a -> a.getAddress();
            case AAAARecord aaaa -> aaaa.getAddress();
            default -> throw new IllegalArgumentException("not an address record: " + record);
        };
        return address.getHostAddress();
    }

    private static Published ask(Dns dns, String name, int type, Duration timeout,
            Function<Record, String> text) {
        if (!Dns.valid(name)) {
            return new Unknown("not a DNS name: " + name);
        }
        return switch (dns.query(name, type, timeout)) {
            case Answer.Data data -> new Found(data.records().stream().map(text).toList());
            case Answer.Empty empty -> new Missing();
            case Answer.Temporary failure -> new Unknown(failure.reason());
        };
    }
}
