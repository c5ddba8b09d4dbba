package org.godshell.toaster.tlsrpt;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One SMTP session's TLS outcome against its policy: a success, or a failure with its result type (RFC 8460
 * §4.4, "failure-details"). A session is one connection to one address; a delivery that tries three hosts
 * gives three results.
 */
public record SessionResult(AppliedPolicy policy, Optional<Failure> failure) {

    public SessionResult {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(failure, "failure");
    }

    /**
     * Why one session failed.
     *
     * @param type           the result type
     * @param receivingMx    the MX host name connected to ("receiving-mx-hostname")
     * @param receivingIp    its address, when a connection was made ("receiving-ip")
     * @param additionalInfo a short text for the reader (no sender, recipient or message content)
     */
    public record Failure(ResultType type, String receivingMx, Optional<InetAddress> receivingIp,
                          String additionalInfo) {
        public Failure {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(receivingMx, "receivingMx");
            Objects.requireNonNull(receivingIp, "receivingIp");
            Objects.requireNonNull(additionalInfo, "additionalInfo");
        }
    }

    public static SessionResult success(AppliedPolicy policy) {
        return new SessionResult(policy, Optional.empty());
    }

    public static SessionResult failed(AppliedPolicy policy, Failure failure) {
        return new SessionResult(policy, Optional.of(failure));
    }
}
