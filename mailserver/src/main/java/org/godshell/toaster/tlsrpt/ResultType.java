package org.godshell.toaster.tlsrpt;

/** Why a session failed its policy (RFC 8460 §4.3, "result-type"). */
public enum ResultType {
    // §4.3.1, negotiation failures
    STARTTLS_NOT_SUPPORTED("starttls-not-supported"),
    CERTIFICATE_HOST_MISMATCH("certificate-host-mismatch"),
    CERTIFICATE_EXPIRED("certificate-expired"),
    CERTIFICATE_NOT_TRUSTED("certificate-not-trusted"),
    VALIDATION_FAILURE("validation-failure"),
    // §4.3.2, policy failures: DANE
    TLSA_INVALID("tlsa-invalid"),
    DNSSEC_INVALID("dnssec-invalid"),
    DANE_REQUIRED("dane-required"),
    // §4.3.2, policy failures: MTA-STS
    STS_POLICY_FETCH_ERROR("sts-policy-fetch-error"),
    STS_POLICY_INVALID("sts-policy-invalid"),
    STS_WEBPKI_INVALID("sts-webpki-invalid");

    private final String wire;

    ResultType(String wire) {
        this.wire = wire;
    }

    /** The name the JSON report uses. */
    public String wire() {
        return wire;
    }
}
