package org.godshell.toaster.dane;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.godshell.toaster.dns.Dns;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.dnssec.ValidatingResolver;

/**
 * DNSSEC-validating lookups: dnsjava's in-process validator (the port of Unbound's) over the configured
 * nameservers, from this toaster's trust anchors. The nameservers' own AD bit is never believed (RFC 6840 §5.7:
 * the path to them is not secured); every signature is checked here.
 *
 * <p>Blocking, for virtual threads. Thread-safe: each {@link Session} has its own validator and key cache, so a
 * DANE verdict's three questions (MX, address, TLSA) share keys and one deadline, and nothing outlives it.
 */
public final class SecureDns {

    private final List<InetSocketAddress> servers;
    private final TrustAnchors anchors;

    private SecureDns(List<InetSocketAddress> servers, TrustAnchors anchors) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no nameserver");
        }
        this.servers = List.copyOf(servers);
        this.anchors = anchors;
    }

    /** Asks these nameservers (in order, as {@code dns.Dns} does) and trusts these anchors. */
    public static SecureDns using(List<InetSocketAddress> servers, TrustAnchors anchors) {
        return new SecureDns(servers, anchors);
    }

    /** The nameservers of {@code dns} ({@code control/dnsservers}, or the host's) with these anchors. */
    public static SecureDns of(Dns dns, TrustAnchors anchors) {
        return using(dns.servers(), anchors);
    }

    /** One validated question, answered within {@code timeout}. */
    public SecureAnswer query(String name, int type, Duration timeout) {
        return session(timeout).query(name, type);
    }

    /** Questions that share one validator (its cache of proven keys) and one deadline. */
    Session session(Duration timeout) {
        return new Session(System.nanoTime() + timeout.toNanos());
    }

    /** Questions asked before one deadline, with one validator. */
    final class Session {

        private final long deadline;
        private final ValidatingResolver validator;

        private Session(long deadline) {
            this.deadline = deadline;
            validator = new ValidatingResolver(new ServerChain(servers, deadline));
            try {
                validator.loadTrustAnchors(new ByteArrayInputStream(anchors.zoneText().getBytes(StandardCharsets.US_ASCII)));
            } catch (IOException e) {
                throw new IllegalStateException("checked anchors do not load: " + e.getMessage(), e);
            }
        }

        /** The records of {@code type} at {@code name} (absolute: no search domain), with their security. */
        SecureAnswer query(String name, int type) {
            Name qname = absolute(name);
            Message query = Message.newQuery(Record.newRecord(qname, type, DClass.IN));
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return new SecureAnswer.Temporary("no time left to ask for " + name);
            }
            Message response;
            try {
                response = validator.sendAsync(query).toCompletableFuture().get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return new SecureAnswer.Temporary("no validated answer for " + name + " in time");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                return new SecureAnswer.Temporary(cause.getMessage() == null ? cause.getClass().getSimpleName()
                        : cause.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new SecureAnswer.Temporary("interrupted");
            }
            return read(response, qname, type);
        }
    }

    /**
     * The validator's verdict: SERVFAIL is bogus (the server chain turns the servers' own failures into
     * exceptions, so only validation makes one), AD is secure, anything else insecure.
     */
    static SecureAnswer read(Message response, Name qname, int type) {
        int rcode = response.getRcode();
        if (rcode == Rcode.SERVFAIL) {
            return new SecureAnswer.Bogus(reason(response));
        }
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            return new SecureAnswer.Temporary("answered " + Rcode.string(rcode));
        }
        List<Record> records = new ArrayList<>();
        Name at = qname;
        for (Record record : response.getSection(Section.ANSWER)) {
            if (record.getType() == type) {
                records.add(record);
            } else if (record instanceof CNAMERecord cname && cname.getName().equals(at)) {
                at = cname.getTarget();
            }
        }
        if (!response.getHeader().getFlag(Flags.AD)) {
            return new SecureAnswer.Insecure(records);
        }
        if (records.isEmpty()) {
            return new SecureAnswer.SecureDenial(rcode == Rcode.NXDOMAIN);
        }
        return new SecureAnswer.Secure(records, at.toString(true).toLowerCase(Locale.ROOT));
    }

    /** dnsjava puts its reason in a TXT record of a private class in the additional section. */
    private static String reason(Message response) {
        for (Record record : response.getSection(Section.ADDITIONAL)) {
            if (record instanceof TXTRecord txt && record.getDClass() == ValidatingResolver.VALIDATION_REASON_QCLASS) {
                return String.join("", txt.getStrings());
            }
        }
        return "DNSSEC validation failed";
    }

    private static Name absolute(String name) {
        try {
            return Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a DNS name: " + name + ": " + e.getMessage(), e);
        }
    }
}
