package org.godshell.toaster.deliver.remote;

import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.godshell.toaster.dane.DaneLookup;
import org.godshell.toaster.dane.DaneTrustManager;
import org.godshell.toaster.dane.DaneVerdict;
import org.godshell.toaster.dane.DnssecSupport;
import org.godshell.toaster.dane.SecureDns;
import org.godshell.toaster.dane.Tlsa;
import org.godshell.toaster.dane.TrustAnchors;
import org.godshell.toaster.tlsrpt.AppliedPolicy;
import org.godshell.toaster.tlsrpt.PolicyType;

/**
 * DANE as a {@link TlsRule} (RFC 7672), asked before MTA-STS (RFC 8461 §2: a host with secure TLSA records is
 * held to them, and MTA-STS does not apply to it). Per MX host: usable TLSA records require TLS with the
 * certificate matching them; a secure RRset with none usable requires TLS without authentication (§2.2); a
 * bogus or unanswered lookup means the host is not used at all, not even in plain text (§2.1.1); an insecure
 * answer or proven absence leaves the host to the next rule.
 *
 * <p>Only while the nameservers pass DNSSEC through ({@link DnssecSupport}): behind a resolver that strips
 * signatures every answer would be bogus and all mail would wait, so DANE stands aside and says so in the log.
 * The host's TLSA lookups run when the delivery reaches it, so a reachable first MX costs none for the others.
 */
public final class DaneRule implements TlsRule {

    private final Clock clock;
    private final Consumer<String> log;
    private volatile Validation validation;

    /** What one set of nameservers and anchors gives: the validator's settings and whether they work. */
    private record Validation(List<?> servers, TrustAnchors anchors, SecureDns dns, DnssecSupport support) {}

    public DaneRule(Clock clock, Consumer<String> log) {
        this.clock = clock;
        this.log = log;
    }

    @Override
    public ForDomain forDomain(String domain, RemoteConfig config) {
        Validation now = validation(config);
        if (!now.support().available()) {
            return host -> Optional.empty();
        }
        DaneLookup lookup = new DaneLookup(now.dns());
        return host -> decide(domain, host, lookup.forMx(domain, host, config.mxPort(), config.dnsTimeout()));
    }

    private Validation validation(RemoteConfig config) {
        Validation known = validation;
        if (known != null && known.servers().equals(config.dns().servers())
                && known.anchors().equals(config.dnssec())) {
            return known;
        }
        SecureDns dns = SecureDns.of(config.dns(), config.dnssec());
        Validation fresh = new Validation(config.dns().servers(), config.dnssec(), dns,
                new DnssecSupport(dns, config.dnssec(), config.dnsTimeout(), clock, log));
        validation = fresh;
        return fresh;
    }

    static Optional<HostDecision> decide(String domain, String host, DaneVerdict verdict) {
        return switch (verdict) {
            case DaneVerdict.Authenticate a -> Optional.of(new HostDecision.Use(new HostTls.Required(
                    policy(domain, a.records()), new DaneTrustManager(a), "DANE TLSA records of " + host)));
            case DaneVerdict.EncryptOnly e -> Optional.of(new HostDecision.Use(new HostTls.Required(
                    policy(domain, List.of()), AnyCertificate.INSTANCE, "DANE (" + e.why() + ")")));
            case DaneVerdict.SecureNoTlsa s -> Optional.empty();
            case DaneVerdict.Insecure i -> Optional.empty();
            case DaneVerdict.DoNotUse d -> Optional.of(new HostDecision.Skip(policy(domain, List.of()), d.result(),
                    "DANE: " + host + " is not used: " + d.reason()));
        };
    }

    /** The records in presentation form, whole (RFC 8460 §4.4: "policy-string"). */
    private static AppliedPolicy policy(String domain, List<Tlsa> records) {
        return new AppliedPolicy(PolicyType.TLSA, domain, records.stream().map(r -> r.usage() + " " + r.selector()
                + " " + r.matchingType() + " " + HexFormat.of().formatHex(r.data())).toList(), List.of());
    }
}
