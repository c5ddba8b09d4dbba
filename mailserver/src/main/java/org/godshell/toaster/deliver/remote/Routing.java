package org.godshell.toaster.deliver.remote;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.godshell.toaster.config.SmarthostAuth;
import org.godshell.toaster.config.SmtpRoute;
import org.godshell.toaster.config.SmtpRoutes;
import org.godshell.toaster.deliver.Diagnosis;
import org.godshell.toaster.dns.Answer;
import org.godshell.toaster.dns.Dns;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Which hosts receive a domain's mail, best first: the smtproutes relay, or the MX hosts (RFC 5321 §5.1). Host
 * addresses are looked up one host at a time, when the delivery gets to it, so a reachable best MX costs no
 * lookups for the others.
 */
final class Routing {

    /** A host to try, before its addresses are known (or with its literal address). */
    record Host(String name, Optional<InetAddress> literal, int port,
                Optional<SmarthostAuth.Credentials> credentials) {}

    /** Where a domain's mail goes. */
    sealed interface Destination {
        /**
         * Hosts in order; {@code implicit} when the domain has no MX and is its own mail host; {@code mx} when
         * they are the domain's MX hosts (or its implicit MX), not an smtproutes relay or an address literal:
         * only MX delivery is subject to MTA-STS and DANE (RFC 8461 §4.1, RFC 7672 §2.2).
         */
        record Hosts(List<Host> hosts, boolean implicit, boolean mx) implements Destination {}

        /** The domain cannot receive mail: fail at once. */
        record Unroutable(Diagnosis why) implements Destination {}

        /** DNS gave no usable answer: try later. */
        record Unknown(Diagnosis why) implements Destination {}
    }

    /** A host's addresses. */
    sealed interface Addresses {
        record Found(List<InetAddress> addresses) implements Addresses {}

        record None(String why) implements Addresses {}

        record Temporary(String why) implements Addresses {}
    }

    private final Dns dns;
    private final Duration timeout;
    private final SmtpRoutes routes;
    private final SmarthostAuth auth;
    private final int mxPort;
    private final RandomGenerator random;

    Routing(Dns dns, Duration timeout, SmtpRoutes routes, SmarthostAuth auth, int mxPort, RandomGenerator random) {
        this.dns = dns;
        this.timeout = timeout;
        this.routes = routes;
        this.auth = auth;
        this.mxPort = mxPort;
        this.random = random;
    }

    /**
     * Where mail for {@code domain} goes; {@code via}: the domain's mailbox host in a shared user database, which
     * takes it whatever the domain's MX says (reached as smtproutes routes that host's name, else on the MX port,
     * logging in as smarthostauth says for it).
     */
    Destination find(String domain, Optional<String> via) {
        if (via.isPresent()) {
            return new Destination.Hosts(List.of(routes.route(via.get()) instanceof SmtpRoute.Relay relay
                    ? new Host(relay.host(), relay.address(), relay.port(), auth.forRelay(relay.host()))
                    : new Host(via.get(), Optional.empty(), mxPort, auth.forRelay(via.get()))), false, false);
        }
        return find(domain);
    }

    Destination find(String domain) {
        if (routes.route(domain) instanceof SmtpRoute.Relay relay) {
            // qmail-remote(8): "as if host had relay as its only MX".
            return new Destination.Hosts(List.of(new Host(relay.host(), relay.address(), relay.port(),
                    auth.forRelay(relay.host()))), false, false);
        }
        if (domain.startsWith("[")) {
            Optional<InetAddress> literal = SmtpRoutes.addressLiteral(domain);
            return literal.<Destination>map(a -> new Destination.Hosts(List.of(new Host(a.getHostAddress(),
                    literal, mxPort, Optional.empty())), false, false)).orElseGet(() -> new Destination.Unroutable(
                    Diagnosis.local("5.1.2", "\"" + Diagnosis.clean(domain) + "\" is not an address literal")));
        }
        if (!Dns.valid(domain)) {
            return new Destination.Unroutable(Diagnosis.local("5.1.2", "\"" + Diagnosis.clean(domain)
                    + "\" is not a valid domain name"));
        }
        return switch (dns.query(domain, Type.MX, timeout)) {
            case Answer.Temporary t -> new Destination.Unknown(Diagnosis.local("4.4.3",
                    "MX lookup for " + domain + " failed: " + t.reason()));
            case Answer.Empty e when e.nxdomain() -> new Destination.Unroutable(Diagnosis.local("5.1.2",
                    "domain " + domain + " does not exist (NXDOMAIN)"));
            // RFC 5321 §5.1: no MX records, so the domain itself is the implicit MX.
            case Answer.Empty e -> new Destination.Hosts(List.of(new Host(domain, Optional.empty(), mxPort,
                    Optional.empty())), true, true);
            case Answer.Data data -> exchanges(domain, data.records());
        };
    }

    private Destination exchanges(String domain, List<Record> records) {
        List<MXRecord> mx = new ArrayList<>();
        for (Record record : records) {
            // RFC 7505 §3: the null MX is "0 ."; a root target is never a host to connect to.
            if (record instanceof MXRecord m && !m.getTarget().equals(Name.root)) {
                mx.add(m);
            }
        }
        if (mx.isEmpty()) {
            return new Destination.Unroutable(Diagnosis.local("5.1.10",
                    "domain " + domain + " accepts no mail (null MX, RFC 7505)"));
        }
        // RFC 5321 §5.1: lowest preference first, equal preferences in random order to spread the load.
        Collections.shuffle(mx, random);
        mx.sort(Comparator.comparingInt(MXRecord::getPriority));
        List<Host> hosts = new ArrayList<>();
        for (MXRecord m : mx) {
            hosts.add(new Host(m.getTarget().toString(true), Optional.empty(), mxPort, Optional.empty()));
        }
        return new Destination.Hosts(hosts, false, true);
    }

    /** IPv4 first, then IPv6: IPv4 paths to mail hosts are still the more reliable ones. */
    Addresses addresses(String name) {
        List<InetAddress> found = new ArrayList<>();
        String temporary = null;
        boolean nxdomain = false;
        for (int type : new int[] {Type.A, Type.AAAA}) {
            switch (dns.query(name, type, timeout)) {
                case Answer.Data data -> {
                    for (Record record : data.records()) {
                        if (record instanceof ARecord a) {
                            found.add(a.getAddress());
                        } else if (record instanceof AAAARecord aaaa) {
                            found.add(aaaa.getAddress());
                        }
                    }
                }
                case Answer.Empty e -> nxdomain |= e.nxdomain();
                case Answer.Temporary t -> temporary = Type.string(type) + " lookup for " + name + " failed: "
                        + t.reason();
            }
        }
        if (!found.isEmpty()) {
            return new Addresses.Found(found);
        }
        if (temporary != null) {
            return new Addresses.Temporary(temporary);
        }
        return new Addresses.None(nxdomain ? "host " + name + " does not exist (NXDOMAIN)"
                : "host " + name + " has no A or AAAA record");
    }
}
