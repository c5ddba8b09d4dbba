package org.godshell.toaster.deliver.remote;

import java.util.Optional;

/**
 * One source of TLS requirements for the MX hosts of a recipient domain, asked once per delivery, before any
 * connection. {@link RemoteDelivery} asks its rules in order for each MX host and takes the first answer;
 * without one the host is opportunistic ({@link HostTls#opportunistic}). The MTA-STS rule is
 * {@link MtaStsRule}; a DANE rule goes before it (RFC 8461 §2: DANE takes precedence), answering
 * {@link HostDecision.Use} with {@link HostTls.Required} and its own trust manager for hosts with secure TLSA
 * records, {@link HostDecision.Skip} when their validation failed, and nothing for insecure answers. Rules
 * never apply to smtproutes relays or address literals: those are not MX delivery.
 *
 * <p>Implementations are thread-safe and never throw for DNS or network trouble.
 */
@FunctionalInterface
public interface TlsRule {

    /** This rule's view of {@code domain}; {@code config} gives the nameservers, timeouts and trust. */
    ForDomain forDomain(String domain, RemoteConfig config);

    /** The rule applied to one domain's hosts. */
    @FunctionalInterface
    interface ForDomain {
        /** The decision for MX host {@code host}, or empty to let the next rule decide. */
        Optional<HostDecision> host(String host);
    }
}
