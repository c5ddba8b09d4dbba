package org.godshell.toaster.spf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.dns.Answer;
import org.godshell.toaster.dns.Dns;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * One run of {@code check_host()} (RFC 7208 §4) with its nested includes and redirects, which share the limits
 * of §4.6.4: 10 DNS-querying terms, 2 void lookups, 10 MX names per {@code mx}; and one deadline for all the
 * DNS questions, so that a chain of slow zones cannot hold a session longer than the caller allows.
 *
 * <p>Not thread-safe: one per check.
 */
final class Evaluation {

    static final int MAX_TERMS = 10;
    static final int MAX_VOID = 2;
    static final int MAX_MX = 10;

    private final Dns dns;
    private final InetAddress ip;
    private final String sender;
    private final String helo;
    private final long deadline;
    private int terms;
    private int voids;

    Evaluation(Dns dns, InetAddress ip, String sender, String helo, Duration budget) {
        this.dns = dns;
        this.ip = ip;
        this.sender = sender;
        this.helo = helo;
        this.deadline = System.nanoTime() + budget.toNanos();
    }

    /** {@code check_host(ip, domain, sender)}: returns the result, or throws for temperror and permerror. */
    SpfResult checkHost(String domain) throws SpfError {
        if (!validDomain(domain)) {
            return SpfResult.NONE;
        }
        Optional<SpfRecord> record = select(domain);
        if (record.isEmpty()) {
            return SpfResult.NONE;
        }
        Macro.Context context = new Macro.Context(ip, sender, helo, domain);
        for (Mechanism.Directive directive : record.get().directives()) {
            if (matches(directive.mechanism(), context)) {
                return directive.onMatch();
            }
        }
        if (record.get().redirect().isPresent()) {
            count();
            SpfResult result = checkHost(Macro.domain(record.get().redirect().get(), context));
            // §6.1: a redirect to a domain without a record is an error in the policy.
            if (result == SpfResult.NONE) {
                throw SpfError.perm("redirect= names a domain without an SPF record");
            }
            return result;
        }
        return SpfResult.NEUTRAL;
    }

    /** §4.5: exactly one TXT record starting "v=spf1"; none is "none"; two or more a permerror. */
    private Optional<SpfRecord> select(String domain) throws SpfError {
        List<String> found = new ArrayList<>();
        for (Record r : records(domain, Type.TXT)) {
            String text = String.join("", ((TXTRecord) r).getStrings());
            if (SpfRecord.isSpf(text)) {
                found.add(text);
            }
        }
        if (found.size() > 1) {
            throw SpfError.perm(domain + " has " + found.size() + " SPF records (§4.5 allows one)");
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(SpfRecord.parse(found.get(0)));
    }

    private boolean matches(Mechanism mechanism, Macro.Context context) throws SpfError {
        if (mechanism.queriesDns()) {
            count();
        }
        return switch (mechanism) {
            case Mechanism.All all -> true;
            case Mechanism.Ip net -> Cidr.contains(net.network(), net.length(), ip);
            case Mechanism.Include include -> switch (checkHost(Macro.domain(include.domain(), context))) {
                case PASS -> true;
                case FAIL, SOFTFAIL, NEUTRAL -> false;
                case NONE -> throw SpfError.perm("include: names a domain without an SPF record (§5.2)");
                case TEMPERROR, PERMERROR -> throw new IllegalStateException("thrown, not returned");
            };
            case Mechanism.A a -> inAddresses(target(a.domain(), context), a.v4(), a.v6(), true);
            case Mechanism.Mx mx -> inMx(target(mx.domain(), context), mx.v4(), mx.v6());
            case Mechanism.Ptr ptr -> false;
            case Mechanism.Exists exists -> {
                List<Record> found = records(Macro.domain(exists.domain(), context), Type.A);
                yield !countVoid(found).isEmpty();
            }
        };
    }

    private String target(Optional<String> domain, Macro.Context context) throws SpfError {
        return domain.isPresent() ? Macro.domain(domain.get(), context) : context.domain();
    }

    /** §5.4: the MX names (at most 10), then each one's addresses, against the client. */
    private boolean inMx(String domain, int v4, int v6) throws SpfError {
        List<Record> exchanges = countVoid(records(domain, Type.MX));
        if (exchanges.size() > MAX_MX) {
            throw SpfError.perm(domain + " has " + exchanges.size() + " MX records; SPF reads at most 10 (§4.6.4)");
        }
        for (Record r : exchanges) {
            if (inAddresses(((MXRecord) r).getTarget().toString(true), v4, v6, false)) {
                return true;
            }
        }
        return false;
    }

    /** §5.3: A records for an IPv4 client, AAAA for IPv6, each compared under the CIDR length. */
    private boolean inAddresses(String name, int v4, int v6, boolean countVoid) throws SpfError {
        boolean ipv4 = ip instanceof Inet4Address;
        List<Record> found = records(name, ipv4 ? Type.A : Type.AAAA);
        if (countVoid) {
            countVoid(found);
        }
        for (Record r : found) {
            InetAddress address = r instanceof ARecord a ? a.getAddress() : ((AAAARecord) r).getAddress();
            if (Cidr.contains(address, ipv4 ? v4 : v6, ip)) {
                return true;
            }
        }
        return false;
    }

    private void count() throws SpfError {
        if (++terms > MAX_TERMS) {
            throw SpfError.perm("more than " + MAX_TERMS + " DNS-querying terms (§4.6.4)");
        }
    }

    private List<Record> countVoid(List<Record> found) throws SpfError {
        if (found.isEmpty() && ++voids > MAX_VOID) {
            throw SpfError.perm("more than " + MAX_VOID + " void DNS lookups (§4.6.4)");
        }
        return found;
    }

    /** The records of a type; nothing for NXDOMAIN and no data; temperror when no answer came (§2.6.6). */
    private List<Record> records(String name, int type) throws SpfError {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw SpfError.temp("out of time before asking for " + name);
        }
        if (!validDomain(name)) {
            return List.of();
        }
        return switch (dns.query(name + ".", type, Duration.ofNanos(left))) {
            case Answer.Data data -> data.records();
            case Answer.Empty empty -> List.of();
            case Answer.Temporary failure -> throw SpfError.temp("no answer for " + name + " " + Type.string(type)
                    + ": " + failure.reason());
        };
    }

    /** §4.3: a name with at least two labels, each valid; anything else has no SPF record. */
    static boolean validDomain(String domain) {
        String bare = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        return bare.indexOf('.') > 0 && !bare.contains("..") && !bare.startsWith(".")
                && bare.chars().allMatch(c -> c > 0x20 && c < 0x7f) && Dns.valid(bare + ".");
    }
}
