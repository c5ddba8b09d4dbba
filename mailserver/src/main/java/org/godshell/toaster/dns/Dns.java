package org.godshell.toaster.dns;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Asks the nameservers about a name: its A records ({@link #ipv4}), or the records of any type ({@link #query}). The servers are tried in order, as a stub resolver does
 * (RFC 1035 §7.2); a server that times out or answers SERVFAIL/REFUSED passes the question to the next, and the
 * whole lookup never takes longer than the caller's timeout: each server gets an equal share of what is left.
 *
 * <p>Blocking: meant for virtual threads. Thread-safe: it keeps no state but the server list.
 */
public final class Dns {

    private final List<InetSocketAddress> servers;

    private Dns(List<InetSocketAddress> servers) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no nameserver");
        }
        this.servers = List.copyOf(servers);
    }

    /** Uses these nameservers, in order (e.g. from {@code control/dnsservers}, or a test's fixture). */
    public static Dns using(List<InetSocketAddress> servers) {
        return new Dns(servers);
    }

    /** {@code control/dnsservers}: these nameservers, or the host's when the list is empty (no file). */
    public static Dns of(List<InetSocketAddress> servers) {
        return servers.isEmpty() ? system() : using(servers);
    }

    /** The host's nameservers as dnsjava reads them (/etc/resolv.conf on Linux), once, at start. */
    public static Dns system() {
        return new Dns(ResolverConfig.getCurrentConfig().servers());
    }

    public List<InetSocketAddress> servers() {
        return servers;
    }

    /** The servers as {@code control/dnsservers} writes them: {@code 192.0.2.53:53 [2001:db8::53]:53}. */
    public String describe() {
        return String.join(" ", servers.stream().map(s -> (s.getAddress() instanceof Inet6Address
                ? "[" + s.getAddress().getHostAddress() + "]" : s.getAddress().getHostAddress()) + ":" + s.getPort())
                .toList());
    }

    /**
     * The IPv4 addresses of {@code name}, taken as absolute (a final dot is implied: no search domain is ever
     * appended, which would turn a blocklist query into a question about our own domain).
     *
     * @throws IllegalArgumentException when {@code name} is not a valid DNS name (a label over 63 octets, ...)
     */
    public Lookup ipv4(String name, Duration timeout) {
        return switch (query(name, Type.A, timeout)) {
            case Answer.Data data -> {
                List<Inet4Address> addresses = new ArrayList<>();
                for (Record record : data.records()) {
                    if (record instanceof ARecord a && a.getAddress() instanceof Inet4Address v4) {
                        addresses.add(v4);
                    }
                }
                yield addresses.isEmpty() ? new Lookup.NoAddress("no A record") : new Lookup.Found(addresses);
            }
            case Answer.Empty empty -> new Lookup.NoAddress(empty.nxdomain() ? "NXDOMAIN" : "no A record");
            case Answer.Temporary failure -> new Lookup.Temporary(failure.reason());
        };
    }

    /**
     * The records of one type at {@code name} (absolute, as for {@link #ipv4}), for checks that need more than
     * A records (SPF: TXT, A, AAAA, MX). Records of other types in the answer (a CNAME chain's links) are left
     * out, so {@link Answer.Data} holds only the type asked for.
     *
     * @param type a dnsjava {@link Type} constant
     * @throws IllegalArgumentException when {@code name} is not a valid DNS name
     */
    public Answer query(String name, int type, Duration timeout) {
        Message query = Message.newQuery(Record.newRecord(absolute(name), type, DClass.IN));
        long deadline = System.nanoTime() + timeout.toNanos();
        String failure = "no time left to ask";
        for (int i = 0; i < servers.size(); i++) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            InetSocketAddress server = servers.get(i);
            SimpleResolver resolver = new SimpleResolver(server);
            resolver.setTimeout(Duration.ofNanos(left / (servers.size() - i)));
            Message response;
            try {
                response = resolver.send(query);
            } catch (IOException e) {
                failure = server + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                continue;
            }
            int rcode = response.getRcode();
            if (rcode == Rcode.NXDOMAIN) {
                return new Answer.Empty(true);
            }
            if (rcode != Rcode.NOERROR) {
                failure = server + " answered " + Rcode.string(rcode);
                continue;
            }
            List<Record> records = new ArrayList<>();
            for (Record record : response.getSection(org.xbill.DNS.Section.ANSWER)) {
                if (record.getType() == type) {
                    records.add(record);
                }
            }
            return records.isEmpty() ? new Answer.Empty(false) : new Answer.Data(records);
        }
        return new Answer.Temporary(failure);
    }

    /** Whether {@code name} is a valid DNS name (RFC 1035 §2.3.4: labels of at most 63, names of 255 octets). */
    public static boolean valid(String name) {
        try {
            absolute(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Name absolute(String name) {
        try {
            return Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a DNS name: " + name + ": " + e.getMessage(), e);
        }
    }
}
