package org.godshell.toaster.dane;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.godshell.toaster.tlsrpt.ResultType;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.Type;

/**
 * The DANE verdict for one SMTP server (RFC 7672 §2.2): the domain's MX records must be secure (§2.2.1), then
 * the host's address records (§2.2.2: their CNAME expansion, if any, gives the TLSA base domain), then the
 * TLSA records at {@code _PORT._tcp.BASE}, or at {@code _PORT._tcp.HOST} when the expanded name has none.
 * Each step that is insecure ends in {@link DaneVerdict.Insecure}; each that is bogus or unanswered in
 * {@link DaneVerdict.DoNotUse}.
 *
 * <p>Blocking, for virtual threads; thread-safe.
 */
public final class DaneLookup {

    /** At most this many TLSA records are looked at: a real RRset has one to four. */
    static final int MAX_RECORDS = 32;

    private final SecureDns dns;

    public DaneLookup(SecureDns dns) {
        this.dns = dns;
    }

    /**
     * {@code host}, one of {@code domain}'s MX hosts (or {@code domain} itself when it has no MX records), on
     * {@code port} (25), all lookups within {@code timeout}.
     */
    public DaneVerdict forMx(String domain, String host, int port, Duration timeout) {
        SecureDns.Session session = dns.session(timeout);
        String next = lower(domain);
        String mxHost = lower(host);
        return switch (session.query(next, Type.MX)) {
            case SecureAnswer.Secure mx -> exchanges(mx.records()).contains(mxHost)
                    ? forHost(session, mxHost, port, next)
                    : new DaneVerdict.DoNotUse(mxHost + " is not among the DNSSEC-validated MX hosts of " + next,
                            ResultType.VALIDATION_FAILURE);
            // RFC 5321 §5.1: no MX, the domain is its own mail exchanger; the proof of that is secure.
            case SecureAnswer.SecureDenial none when !none.nxdomain() && mxHost.equals(next) ->
                    forHost(session, mxHost, port, next);
            case SecureAnswer.SecureDenial none -> new DaneVerdict.DoNotUse(next + (none.nxdomain()
                    ? " does not exist (DNSSEC-proven)" : " has no MX records, and " + mxHost + " is not it"),
                    ResultType.VALIDATION_FAILURE);
            case SecureAnswer.Insecure insecure -> new DaneVerdict.Insecure("the MX records of " + next
                    + " are not DNSSEC-signed");
            case SecureAnswer.Bogus bogus -> doNotUse("MX records of " + next, bogus.reason());
            case SecureAnswer.Temporary failure -> doNotUse("MX records of " + next, failure.reason());
        };
    }

    /**
     * {@code host} as a next hop that did not come from MX records ({@code control/smtproutes}): its own address
     * records must be secure (§2.2.2).
     */
    public DaneVerdict forHost(String host, int port, Duration timeout) {
        return forHost(dns.session(timeout), lower(host), port, null);
    }

    private DaneVerdict forHost(SecureDns.Session session, String host, int port, String nextHop) {
        String base;
        switch (session.query(host, Type.A)) {
            case SecureAnswer.Secure address -> base = address.name();
            case SecureAnswer.SecureDenial denial -> base = host;
            case SecureAnswer.Insecure insecure -> {
                return new DaneVerdict.Insecure("the address records of " + host + " are not DNSSEC-signed");
            }
            case SecureAnswer.Bogus bogus -> {
                return doNotUse("address records of " + host, bogus.reason());
            }
            case SecureAnswer.Temporary failure -> {
                return doNotUse("address records of " + host, failure.reason());
            }
        }
        Set<String> names = new LinkedHashSet<>(List.of(base, host));
        if (nextHop != null) {
            names.add(nextHop);
        }
        DaneVerdict verdict = tlsa(session, base, port, List.copyOf(names));
        // §2.2.3: when the CNAME-expanded name has no TLSA records, those of the name as published are used.
        if (verdict instanceof DaneVerdict.SecureNoTlsa && !base.equals(host)) {
            names.remove(base);
            return tlsa(session, host, port, List.copyOf(names));
        }
        return verdict;
    }

    private static DaneVerdict tlsa(SecureDns.Session session, String base, int port, List<String> names) {
        String owner = "_" + port + "._tcp." + base;
        return switch (session.query(owner, Type.TLSA)) {
            case SecureAnswer.Secure found -> usable(owner, found.records(), names);
            case SecureAnswer.SecureDenial none -> new DaneVerdict.SecureNoTlsa("no TLSA records at " + owner
                    + " (DNSSEC-proven)");
            case SecureAnswer.Insecure insecure -> new DaneVerdict.Insecure("the TLSA records at " + owner
                    + " are not DNSSEC-signed");
            case SecureAnswer.Bogus bogus -> doNotUse("TLSA records at " + owner, bogus.reason());
            case SecureAnswer.Temporary failure -> doNotUse("TLSA records at " + owner, failure.reason());
        };
    }

    private static DaneVerdict usable(String owner, List<Record> records, List<String> names) {
        List<Tlsa> usable = new ArrayList<>();
        for (Record record : records.subList(0, Math.min(MAX_RECORDS, records.size()))) {
            if (record instanceof TLSARecord tlsa && Tlsa.of(tlsa).usable()) {
                usable.add(Tlsa.of(tlsa));
            }
        }
        if (usable.isEmpty()) {
            return new DaneVerdict.EncryptOnly("the TLSA records at " + owner + " are all unusable for SMTP"
                    + " (RFC 7672 §3.1.3: only usages 2 and 3, selectors 0 and 1, matching types 0 to 2)");
        }
        return new DaneVerdict.Authenticate(usable, names);
    }

    private static Set<String> exchanges(List<Record> records) {
        Set<String> hosts = new LinkedHashSet<>();
        for (Record record : records) {
            if (record instanceof MXRecord mx) {
                hosts.add(mx.getTarget().toString(true).toLowerCase(Locale.ROOT));
            }
        }
        return hosts;
    }

    private static DaneVerdict doNotUse(String what, String reason) {
        return new DaneVerdict.DoNotUse("no DNSSEC-validated answer for the " + what + ": " + reason,
                ResultType.DNSSEC_INVALID);
    }

    private static String lower(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
