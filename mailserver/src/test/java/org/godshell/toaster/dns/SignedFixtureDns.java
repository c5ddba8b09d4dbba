package org.godshell.toaster.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.Type;

/**
 * A DNSSEC-signed zone on an ephemeral loopback UDP port, for DANE tests: one zone key (ECDSA P-256,
 * algorithm 13, flags 257) made per fixture, every RRset under the origin signed when it is served to a query
 * with the DO bit (RFC 4035 §3.1), NSEC records for NXDOMAIN and NODATA (§3.1.3), the DNSKEY RRset self-signed at
 * the apex. Names outside the origin are served unsigned, as an unsigned zone would be. {@link #trustAnchor()}
 * is the DS record a validator trusts this zone from. Names are absolute, written with their final dot.
 *
 * <p>Faults: {@link #forge} serves an RRset whose signature does not verify (bogus), {@link #silent} never
 * answers (no answer in time), {@link #garble} sends a message cut short.
 */
public final class SignedFixtureDns implements AutoCloseable {

    private static final long TTL = 300;

    private final Name origin;
    private final KeyPair keys;
    private final DNSKEYRecord key;
    private final Map<Name, List<Record>> records = new ConcurrentHashMap<>();
    private final Set<String> forged = ConcurrentHashMap.newKeySet();
    private final Set<Name> silent = ConcurrentHashMap.newKeySet();
    private final Set<Name> garbled = ConcurrentHashMap.newKeySet();
    private final DatagramSocket socket;
    private final Thread thread;

    public SignedFixtureDns(String origin) throws SocketException, GeneralSecurityException, DNSSEC.DNSSECException {
        this.origin = FixtureDns.name(origin);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        keys = generator.generateKeyPair();
        key = new DNSKEYRecord(this.origin, DClass.IN, TTL, DNSKEYRecord.Flags.ZONE_KEY | DNSKEYRecord.Flags.SEP_KEY,
                DNSKEYRecord.Protocol.DNSSEC, DNSSEC.Algorithm.ECDSAP256SHA256, keys.getPublic());
        add(key);
        add(new SOARecord(this.origin, DClass.IN, TTL, FixtureDns.name("ns." + origin),
                FixtureDns.name("hostmaster." + origin), 1, 3600, 600, 86400, TTL));
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = Thread.ofVirtual().name("signed-fixture-dns").start(this::serve);
    }

    /** Any record; signed when served if it is under the origin. */
    public SignedFixtureDns add(Record record) {
        records.computeIfAbsent(record.getName(), n -> new CopyOnWriteArrayList<>()).add(record);
        return this;
    }

    public SignedFixtureDns a(String name, String address) throws IOException {
        return add(new ARecord(FixtureDns.name(name), DClass.IN, TTL, InetAddress.getByName(address)));
    }

    public SignedFixtureDns mx(String name, int preference, String exchange) {
        return add(new MXRecord(FixtureDns.name(name), DClass.IN, TTL, preference, FixtureDns.name(exchange)));
    }

    public SignedFixtureDns cname(String name, String target) {
        return add(new CNAMERecord(FixtureDns.name(name), DClass.IN, TTL, FixtureDns.name(target)));
    }

    public SignedFixtureDns tlsa(String name, int usage, int selector, int matchingType, byte[] data) {
        return add(new TLSARecord(FixtureDns.name(name), DClass.IN, TTL, usage, selector, matchingType, data));
    }

    /** The {@code type} RRset at {@code name} is served with a signature that does not verify. */
    public SignedFixtureDns forge(String name, int type) {
        forged.add(FixtureDns.name(name) + "/" + type);
        return this;
    }

    /** Queries for {@code name} get no answer at all. */
    public SignedFixtureDns silent(String name) {
        silent.add(FixtureDns.name(name));
        return this;
    }

    /** Answers for {@code name} are cut short: a message whose counts promise records that are not there. */
    public SignedFixtureDns garble(String name) {
        garbled.add(FixtureDns.name(name));
        return this;
    }

    /** The zone's DS record (SHA-256) in zone-file syntax: a trust anchor for this zone alone. */
    public String trustAnchor() {
        return new DSRecord(origin, DClass.IN, TTL, DNSSEC.Digest.SHA256, key).toString();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    private void serve() {
        byte[] buffer = new byte[65535];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                if (silent.contains(query.getQuestion().getName())) {
                    continue;
                }
                int size = query.getOPT() == null ? 512 : Math.max(512, query.getOPT().getPayloadSize());
                byte[] out = answer(query).toWire(size);
                if (garbled.contains(query.getQuestion().getName())) {
                    out = Arrays.copyOf(out, out.length - 5);
                }
                socket.send(new DatagramPacket(out, out.length, packet.getSocketAddress()));
            } catch (IOException | DNSSEC.DNSSECException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private Message answer(Message query) throws IOException, DNSSEC.DNSSECException {
        Record question = query.getQuestion();
        boolean dnssec = query.getOPT() != null && (query.getOPT().getFlags() & ExtendedFlags.DO) != 0;
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        response.addRecord(question, Section.QUESTION);
        Answer answer = new Answer(response, dnssec);
        Name name = question.getName();
        List<Record> cname = rrset(name, Type.CNAME);
        if (question.getType() != Type.CNAME && !cname.isEmpty()) {
            answer.section(cname, Section.ANSWER);
            name = ((CNAMERecord) cname.get(0)).getTarget();
        }
        List<Record> data = rrset(name, question.getType());
        if (!data.isEmpty()) {
            answer.section(data, Section.ANSWER);
        } else if (name.subdomain(origin)) {
            answer.section(rrset(origin, Type.SOA), Section.AUTHORITY);
            if (records.containsKey(name)) {
                answer.section(List.of(nsec(name)), Section.AUTHORITY);
            } else {
                response.getHeader().setRcode(Rcode.NXDOMAIN);
                answer.denial(name);
            }
        } else if (!records.containsKey(name)) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        }
        return response;
    }

    /** Adds RRsets to a response, with their signatures when the query asked for them and they are in the zone. */
    private final class Answer {
        private final Message response;
        private final boolean dnssec;

        Answer(Message response, boolean dnssec) {
            this.response = response;
            this.dnssec = dnssec;
        }

        void section(List<Record> rrset, int section) throws DNSSEC.DNSSECException {
            rrset.forEach(r -> response.addRecord(r, section));
            if (dnssec && rrset.get(0).getName().subdomain(origin)) {
                response.addRecord(sign(rrset), section);
            }
        }

        /** RFC 4035 §3.1.3.2: the NSEC covering the name, and the one covering the wildcard of its closest encloser. */
        void denial(Name name) throws IOException, DNSSEC.DNSSECException {
            NSECRecord covering = covering(name);
            section(List.of(covering), Section.AUTHORITY);
            Name encloser = name;
            while (!encloser.equals(origin) && !records.containsKey(encloser)) {
                encloser = new Name(encloser, 1);
            }
            NSECRecord wildcard = covering(Name.concatenate(Name.fromConstantString("*"), encloser));
            if (!wildcard.getName().equals(covering.getName())) {
                section(List.of(wildcard), Section.AUTHORITY);
            }
        }
    }

    private List<Record> rrset(Name name, int type) {
        return records.getOrDefault(name, List.of()).stream().filter(r -> r.getType() == type).toList();
    }

    private TreeSet<Name> names() {
        TreeSet<Name> names = new TreeSet<>();
        records.keySet().stream().filter(n -> n.subdomain(origin)).forEach(names::add);
        return names;
    }

    private NSECRecord nsec(Name owner) {
        TreeSet<Name> names = names();
        Name next = names.higher(owner) == null ? origin : names.higher(owner);
        int[] types = java.util.stream.IntStream.concat(records.get(owner).stream().mapToInt(Record::getType),
                java.util.stream.IntStream.of(Type.RRSIG, Type.NSEC)).distinct().sorted().toArray();
        return new NSECRecord(owner, DClass.IN, TTL, next, types);
    }

    private NSECRecord covering(Name name) {
        Name owner = names().lower(name);
        return nsec(owner == null ? names().last() : owner);
    }

    private RRSIGRecord sign(List<Record> rrset) throws DNSSEC.DNSSECException {
        RRset set = new RRset();
        rrset.forEach(set::addRR);
        Instant now = Instant.now();
        RRSIGRecord signature = DNSSEC.sign(set, key, keys.getPrivate(), now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(1)));
        if (!forged.contains(set.getName() + "/" + set.getType())) {
            return signature;
        }
        byte[] wrong = signature.getSignature();
        wrong[wrong.length / 2] ^= 1;
        return new RRSIGRecord(signature.getName(), DClass.IN, TTL, signature.getTypeCovered(),
                signature.getAlgorithm(), signature.getOrigTTL(), signature.getExpire(), signature.getTimeSigned(),
                signature.getFootprint(), signature.getSigner(), wrong);
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join();
    }
}
