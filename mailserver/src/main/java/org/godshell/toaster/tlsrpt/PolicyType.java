package org.godshell.toaster.tlsrpt;

/** The policy a session was held to (RFC 8460 §4.4, "policy-type"). */
public enum PolicyType {
    /** DANE TLSA records (RFC 7672). */
    TLSA("tlsa"),
    /** An MTA-STS policy (RFC 8461). */
    STS("sts"),
    /** Neither: opportunistic TLS (RFC 7435). */
    NO_POLICY_FOUND("no-policy-found");

    private final String wire;

    PolicyType(String wire) {
        this.wire = wire;
    }

    /** The name the JSON report uses. */
    public String wire() {
        return wire;
    }
}
