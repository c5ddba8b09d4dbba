package org.godshell.toaster.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;

/**
 * A tiny authoritative DNS server on an ephemeral loopback UDP port, so that DNS tests never touch the Internet:
 * A, AAAA, TXT, MX, PTR and TLSA records from a map, NXDOMAIN for every other name, and names that never answer
 * (timeouts) or answer SERVFAIL. Names are absolute, written with their final dot.
 */
public final class FixtureDns implements AutoCloseable {

    private final DatagramSocket socket;
    private final Map<Name, List<Record>> records = new ConcurrentHashMap<>();
    private final Set<Name> silent = ConcurrentHashMap.newKeySet();
    private final Set<Name> servfail = ConcurrentHashMap.newKeySet();
    private final AtomicInteger queries = new AtomicInteger();
    private final Thread thread;

    public FixtureDns() throws SocketException {
        this(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /** Listens on {@code bind}: port 53 of a loopback address lets libc's resolver (resolv.conf has no port) ask it. */
    public FixtureDns(InetSocketAddress bind) throws SocketException {
        socket = new DatagramSocket(bind);
        thread = Thread.ofVirtual().name("fixture-dns").start(this::serve);
    }

    /** {@code name} has these IPv4 addresses. */
    public FixtureDns a(String name, String... addresses) {
        for (String address : addresses) {
            add(name, n -> new ARecord(n, DClass.IN, 60, InetAddress.getByName(address)));
        }
        records.putIfAbsent(name(name), new CopyOnWriteArrayList<>());
        return this;
    }

    /** {@code name} has these IPv6 addresses. */
    public FixtureDns aaaa(String name, String... addresses) {
        for (String address : addresses) {
            add(name, n -> new AAAARecord(n, DClass.IN, 60, InetAddress.getByName(address)));
        }
        return this;
    }

    /** The address has these PTR names (absolute, with their final dot), as its reverse zone would say. */
    public FixtureDns ptr(String address, String... names) {
        try {
            String reverse = ReverseMap.fromAddress(address).toString();
            for (String target : names) {
                add(reverse, n -> new PTRRecord(n, DClass.IN, 60, name(target)));
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
        return this;
    }

    /** {@code name} has one TXT record made of these strings (each at most 255 octets). */
    public FixtureDns txt(String name, String... strings) {
        return add(name, n -> new TXTRecord(n, DClass.IN, 60, List.of(strings)));
    }

    /** {@code name} has these mail exchangers, preference 10, 20, ... in the order given. */
    public FixtureDns mx(String name, String... exchanges) {
        for (int i = 0; i < exchanges.length; i++) {
            int preference = 10 * (i + 1);
            String exchange = exchanges[i];
            add(name, n -> new MXRecord(n, DClass.IN, 60, preference, name(exchange)));
        }
        records.putIfAbsent(name(name), new CopyOnWriteArrayList<>());
        return this;
    }

    /** One mail exchanger with this preference; {@code "."} as the exchange makes a null MX (RFC 7505). */
    public FixtureDns mx(String name, int preference, String exchange) {
        return add(name, n -> new MXRecord(n, DClass.IN, 60, preference, name(exchange)));
    }

    /** {@code name} has a TLSA record (RFC 6698 §2.1) with this usage, selector, matching type and data. */
    public FixtureDns tlsa(String name, int usage, int selector, int matchingType, byte[] data) {
        return add(name, n -> new TLSARecord(n, DClass.IN, 60, usage, selector, matchingType, data));
    }

    private interface Maker {
        Record make(Name name) throws IOException;
    }

    private FixtureDns add(String name, Maker maker) {
        Name n = name(name);
        try {
            records.computeIfAbsent(n, k -> new CopyOnWriteArrayList<>()).add(maker.make(n));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
        return this;
    }

    /** Queries for {@code name} get no answer at all. */
    public FixtureDns silent(String name) {
        silent.add(name(name));
        return this;
    }

    /** Queries for {@code name} get SERVFAIL. */
    public FixtureDns servfail(String name) {
        servfail.add(name(name));
        return this;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    public Dns dns() {
        return Dns.using(List.of(address()));
    }

    public int queries() {
        return queries.get();
    }

    private void serve() {
        byte[] buffer = new byte[65535];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                queries.incrementAndGet();
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                Record question = query.getQuestion();
                if (silent.contains(question.getName())) {
                    continue;
                }
                // Up to the size the client offers with EDNS (RFC 6891 §6.2.5), as a DKIM key of 2048 bits or
                // more does not fit the 512 octets of plain DNS over UDP.
                int size = query.getOPT() == null ? 512 : Math.max(512, query.getOPT().getPayloadSize());
                byte[] out = answer(query, question).toWire(size);
                socket.send(new DatagramPacket(out, out.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private Message answer(Message query, Record question) throws IOException {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        response.addRecord(question, Section.QUESTION);
        List<Record> data = records.get(question.getName());
        if (servfail.contains(question.getName())) {
            response.getHeader().setRcode(Rcode.SERVFAIL);
        } else if (data == null) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        } else {
            for (Record record : data) {
                if (record.getType() == question.getType()) {
                    response.addRecord(record, Section.ANSWER);
                }
            }
        }
        return response;
    }

    static Name name(String name) {
        try {
            return Name.fromString(name);
        } catch (TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join();
    }
}
