package org.godshell.toaster.deliver.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@link TlsRule}s applied to one recipient domain: each rule is asked once, before any connection (its DNS
 * and policy lookups are done then), and for each host the first rule with an answer decides; without one,
 * opportunistic TLS under no policy.
 */
final class DomainTls {

    private final String domain;
    private final List<TlsRule.ForDomain> rules;

    private DomainTls(String domain, List<TlsRule.ForDomain> rules) {
        this.domain = domain;
        this.rules = List.copyOf(rules);
    }

    static DomainTls of(List<TlsRule> rules, String domain, RemoteConfig config) {
        List<TlsRule.ForDomain> applied = new ArrayList<>();
        for (TlsRule rule : rules) {
            applied.add(rule.forDomain(domain, config));
        }
        return new DomainTls(domain, applied);
    }

    /** For smtproutes relays and address literals: no rule applies. */
    static DomainTls opportunistic(String domain) {
        return new DomainTls(domain, List.of());
    }

    HostDecision host(String name) {
        for (TlsRule.ForDomain rule : rules) {
            Optional<HostDecision> decision = rule.host(name);
            if (decision.isPresent()) {
                return decision.get();
            }
        }
        return new HostDecision.Use(HostTls.opportunistic(domain));
    }
}
