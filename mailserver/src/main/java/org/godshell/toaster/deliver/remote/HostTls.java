package org.godshell.toaster.deliver.remote;

import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.X509ExtendedTrustManager;
import org.godshell.toaster.tlsrpt.AppliedPolicy;
import org.godshell.toaster.tlsrpt.ResultType;

/**
 * How one MX host must do TLS, decided before connecting ({@link TlsRule}). Either what remote delivery always
 * did, opportunistic STARTTLS with a plain-text retry (RFC 7435), or TLS required with a certificate check, as an
 * MTA-STS policy in enforce mode (RFC 8461 §5) or DANE (RFC 7672 §2.2) asks for.
 */
public sealed interface HostTls {

    /** The policy a TLS report counts this host's sessions under (RFC 8460 §4.4). */
    AppliedPolicy policy();

    /**
     * STARTTLS when offered, any certificate, plain text when the handshake fails (RFC 7435 §1.3).
     *
     * @param audit   a check whose failure is only reported, never enforced: MTA-STS testing mode (§5)
     * @param problem a failure of the policy itself to report for every session (its fetch failed; the MX host
     *                is not in a testing policy's mx list)
     */
    record Opportunistic(AppliedPolicy policy, Optional<X509ExtendedTrustManager> audit,
                         Optional<PolicyProblem> problem) implements HostTls {
        public Opportunistic {
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(audit, "audit");
            Objects.requireNonNull(problem, "problem");
        }
    }

    /**
     * STARTTLS must be offered and succeed, and {@code verifier} must accept the certificate; otherwise the host
     * is skipped, without the plain-text retry. {@code verifier} throws a {@code CertificateException} to refuse
     * ({@link TlsFailures} says how a refusal is reported).
     *
     * @param name what requires it, for messages: "MTA-STS policy of example.org (enforce)"
     */
    record Required(AppliedPolicy policy, X509ExtendedTrustManager verifier, String name) implements HostTls {
        public Required {
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(verifier, "verifier");
            Objects.requireNonNull(name, "name");
        }
    }

    /** A failure of the policy rather than of a session, reported with each session it applied to. */
    record PolicyProblem(ResultType type, String why) {
        public PolicyProblem {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(why, "why");
        }
    }

    /** Today's default for a domain without a policy. */
    static HostTls opportunistic(String domain) {
        return new Opportunistic(AppliedPolicy.none(domain), Optional.empty(), Optional.empty());
    }
}
