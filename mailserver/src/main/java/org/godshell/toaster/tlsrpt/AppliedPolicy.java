package org.godshell.toaster.tlsrpt;

import java.util.List;
import java.util.Objects;

/**
 * The policy one session was held to, as a report names it (RFC 8460 §4.4, "policy"): its type, the domain it
 * belongs to (the recipient domain: the "policy-domain" a report is about), its text ("policy-string": the
 * MTA-STS policy's lines, or the TLSA records in presentation form) and, for MTA-STS, its {@code mx} patterns.
 */
public record AppliedPolicy(PolicyType type, String domain, List<String> policyStrings, List<String> mxHosts) {

    public AppliedPolicy {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(domain, "domain");
        policyStrings = List.copyOf(policyStrings);
        mxHosts = List.copyOf(mxHosts);
    }

    /** A domain with neither DANE nor MTA-STS: its sessions are counted under "no-policy-found". */
    public static AppliedPolicy none(String domain) {
        return new AppliedPolicy(PolicyType.NO_POLICY_FOUND, domain, List.of(), List.of());
    }
}
