package org.godshell.toaster.dns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Type;

/**
 * The name of a client's address that leads back to it: a PTR name of the address whose A (or AAAA) records
 * include it, the "iprev" check of RFC 8601 §3 and Postfix's verified {@code client_name}. A PTR alone proves
 * nothing: whoever holds the address writes it.
 */
public sealed interface ClientName {

    /** At most this many PTR names are checked, as RFC 7208 §5.5 bounds its "ptr" mechanism. */
    int MAX_NAMES = 10;

    /** A PTR name of the address whose forward records include it; lower case, without the final dot. */
    record Confirmed(String name) implements ClientName {}

    /** No PTR record, or none of its names leads back to the address: a fact about the address. */
    record Unconfirmed(String why) implements ClientName {}

    /** A nameserver failed or did not answer in time: nothing is known. */
    record Temporary(String reason) implements ClientName {}

    /** Asks the PTR records of {@code address}, then the forward records of each name, all within {@code timeout}. */
    static ClientName of(Dns dns, InetAddress address, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        return switch (dns.query(ReverseMap.fromAddress(address).toString(), Type.PTR, left(deadline))) {
            case Answer.Empty empty -> new Unconfirmed("no PTR record");
            case Answer.Temporary failure -> new Temporary(failure.reason());
            case Answer.Data names -> confirm(dns, address, names.records(), deadline);
        };
    }

    /** The first name whose forward records include the address; a failure counts only when no name leads back. */
    private static ClientName confirm(Dns dns, InetAddress address, List<Record> names, long deadline) {
        int type = address instanceof Inet4Address ? Type.A : Type.AAAA;
        String failure = null;
        for (Record record : names.subList(0, Math.min(MAX_NAMES, names.size()))) {
            String name = ((PTRRecord) record).getTarget().toString(true).toLowerCase(Locale.ROOT);
            Answer forward = dns.query(name, type, left(deadline));
            if (forward instanceof Answer.Data addresses
                    && addresses.records().stream().anyMatch(r -> address.equals(addressOf(r)))) {
                return new Confirmed(name);
            }
            if (forward instanceof Answer.Temporary temporary) {
                failure = temporary.reason();
            }
        }
        return failure == null ? new Unconfirmed("no PTR name leads back to " + address.getHostAddress())
                : new Temporary(failure);
    }

    private static InetAddress addressOf(Record record) {
        return switch (record) {
            case ARecord a -> a.getAddress();
            case AAAARecord aaaa -> aaaa.getAddress();
            default -> null;
        };
    }

    private static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
    }
}
