package org.godshell.toaster.dane;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.xbill.DNS.Type;

/**
 * Whether the configured nameservers pass DNSSEC through: the DNSKEY records of the first trust anchor's zone (the
 * root, unless {@code control/dnssectrustanchors} names another) validate. Many resolvers (home routers, some cloud
 * and stub resolvers) strip signatures; behind one of them every validated answer would be bogus, and DANE would
 * stop all mail, not only mail to DANE domains. So DANE applies only while the probe succeeds, as Postfix's {@code
 * smtp_dns_support_level = dnssec} applies it only where the resolver validates; the change either way is logged
 * once, and {@code toaster doctor} says it.
 *
 * <p>An attacker who can strip signatures between us and the resolver could turn DANE off this way; the same
 * attacker defeats a validating resolver's AD bit, which is what Postfix relies on. The remedy is the same:
 * a validating resolver on this host (control/dnsservers 127.0.0.1:53 with Unbound), which the wiki recommends.
 *
 * <p>The answer is kept for {@link #KEEP} and probed again after that. Thread-safe.
 */
public final class DnssecSupport {

    /** How long one probe's answer is trusted: the root's keys change rarely, a resolver's setup more often. */
    static final Duration KEEP = Duration.ofMinutes(30);

    private final SecureDns dns;
    private final String apex;
    private final Duration timeout;
    private final Clock clock;
    private final Consumer<String> log;
    private Instant probedAt = Instant.MIN;
    private SecureAnswer last;
    private Boolean said;

    public DnssecSupport(SecureDns dns, TrustAnchors anchors, Duration timeout, Clock clock, Consumer<String> log) {
        this.dns = dns;
        this.apex = anchors.records().getFirst().getName().toString();
        this.timeout = timeout;
        this.clock = clock;
        this.log = log;
    }

    /** Whether DNSSEC validation works through these nameservers now (probing when the last answer is old). */
    public synchronized boolean available() {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(probedAt.plus(KEEP))) {
            last = dns.query(apex, Type.DNSKEY, timeout);
            probedAt = now;
            boolean works = last instanceof SecureAnswer.Secure;
            if (said == null || said != works) {
                log.accept(works ? "dane: the nameservers pass DNSSEC through; DANE applies"
                        : "dane: DANE is off: the DNSSEC keys of " + apex + " do not validate through the nameservers ("
                        + why(last) + "); use a resolver that passes DNSSEC (wiki: Transport security)");
                said = works;
            }
        }
        return last instanceof SecureAnswer.Secure;
    }

    /** What the last probe found, in words: for the doctor. */
    public synchronized String describe() {
        available();
        return last instanceof SecureAnswer.Secure ? "the DNSSEC keys of " + apex + " validate" : why(last);
    }

    private static String why(SecureAnswer answer) {
        return switch (answer) {
            case SecureAnswer.Secure s -> "validated";
            case SecureAnswer.SecureDenial d -> "the trust anchor's zone has no DNSKEY records";
            case SecureAnswer.Insecure i -> "the trust anchor's zone is not signed";
            case SecureAnswer.Bogus b -> "bogus: " + b.reason();
            case SecureAnswer.Temporary t -> "no answer: " + t.reason();
        };
    }
}
