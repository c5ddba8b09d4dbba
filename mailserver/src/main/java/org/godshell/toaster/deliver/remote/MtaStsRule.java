package org.godshell.toaster.deliver.remote;

import java.util.List;
import java.util.Optional;
import org.godshell.toaster.mtasts.MtaSts;
import org.godshell.toaster.mtasts.MxCertificateVerifier;
import org.godshell.toaster.mtasts.Policy;
import org.godshell.toaster.mtasts.StsLookup;
import org.godshell.toaster.tlsrpt.AppliedPolicy;
import org.godshell.toaster.tlsrpt.PolicyType;
import org.godshell.toaster.tlsrpt.ResultType;

/**
 * MTA-STS as a {@link TlsRule} (RFC 8461 §5): in enforce mode only MX hosts the policy lists are used (§4.1),
 * each with TLS required and its certificate checked (§4.2); in testing mode every host is used as without a
 * policy and the failures are reported; mode none, no record, or a policy that could not be had (and none
 * cached) leave the hosts opportunistic, the last with its fetch failure reported.
 */
public record MtaStsRule(MtaSts policies) implements TlsRule {

    @Override
    public ForDomain forDomain(String domain, RemoteConfig config) {
        return switch (policies.lookup(domain, config.dns(), config.webPki(), config.dnsTimeout())) {
            case StsLookup.NoPolicy none -> host -> Optional.empty();
            case StsLookup.Unavailable u -> {
                HostTls tls = new HostTls.Opportunistic(new AppliedPolicy(PolicyType.STS, domain, List.of(),
                        List.of()), Optional.empty(), Optional.of(new HostTls.PolicyProblem(u.type(), u.why())));
                yield host -> Optional.of(new HostDecision.Use(tls));
            }
            case StsLookup.Active active -> apply(domain, active.policy().policy(), config);
        };
    }

    private static ForDomain apply(String domain, Policy policy, RemoteConfig config) {
        AppliedPolicy applied = new AppliedPolicy(PolicyType.STS, domain, policy.lines(), policy.mxPatterns());
        String name = "MTA-STS policy of " + domain + " (" + policy.mode().wire() + ")";
        String unlisted = " is not listed in the " + name + " (mx: " + String.join(", ", policy.mxPatterns()) + ")";
        return switch (policy.mode()) {
            case NONE -> host -> Optional.empty();
            case TESTING -> host -> Optional.of(new HostDecision.Use(new HostTls.Opportunistic(applied,
                    Optional.of(new MxCertificateVerifier(config.webPki(), host)), policy.allows(host)
                    ? Optional.empty() : Optional.of(new HostTls.PolicyProblem(ResultType.VALIDATION_FAILURE,
                    "MX host " + host + unlisted)))));
            case ENFORCE -> host -> Optional.of(policy.allows(host)
                    ? new HostDecision.Use(new HostTls.Required(applied, new MxCertificateVerifier(config.webPki(),
                    host), name))
                    : new HostDecision.Skip(applied, ResultType.VALIDATION_FAILURE, name + " requires TLS to a "
                    + "listed MX host: " + host + unlisted));
        };
    }
}
