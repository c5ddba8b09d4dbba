package org.godshell.toaster.dane;

import java.util.List;
import org.godshell.toaster.tlsrpt.ResultType;

/**
 * What DANE says about delivering to one mail exchanger (RFC 7672 §2.2), decided before connecting.
 */
public sealed interface DaneVerdict {

    /**
     * Usable TLSA records: STARTTLS is mandatory and the server's certificate must match one of them
     * ({@link DaneTrustManager}); no cleartext fallback, no delivery on a mismatch (§2.2).
     *
     * @param records        the usable records (at least one)
     * @param referenceNames the names a DANE-TA chain's certificate may carry (§3.2.3), lower case, no final dot:
     *                       the TLSA base domain first (also the SNI name to send, §8.1), then the MX host name as
     *                       published, then the next-hop domain when the host came from its secure MX records
     */
    record Authenticate(List<Tlsa> records, List<String> referenceNames) implements DaneVerdict {
        public Authenticate {
            records = List.copyOf(records);
            referenceNames = List.copyOf(referenceNames);
            if (records.isEmpty() || referenceNames.isEmpty()) {
                throw new IllegalArgumentException("Authenticate needs a record and a reference name");
            }
        }

        /** The name to send in SNI (RFC 7672 §8.1): the TLSA base domain. */
        public String serverName() {
            return referenceNames.get(0);
        }
    }

    /**
     * A secure TLSA RRset with no usable record (only usages 0 and 1, unknown parameters, bad lengths). RFC 7672
     * §2.2: the server still said it does TLS, so STARTTLS is mandatory (no cleartext fallback), but there is
     * nothing to authenticate with: any certificate is accepted.
     */
    record EncryptOnly(String why) implements DaneVerdict {}

    /** The TLSA records are proven absent: DANE does not apply to this host; the other rules decide. */
    record SecureNoTlsa(String why) implements DaneVerdict {}

    /**
     * DNSSEC proves nothing on the way (unsigned MX, address or TLSA records, or a zone under no trust anchor):
     * DANE does not apply; the other rules decide (MTA-STS, or opportunistic TLS).
     */
    record Insecure(String why) implements DaneVerdict {}

    /**
     * A lookup on the way was bogus or got no answer (RFC 7672 §2.1.1, §2.2): this host must not be used, not
     * even in cleartext. Try the next MX host; when none is left, defer (a temporary failure, retried later).
     *
     * @param result what a TLS report says about it ({@link ResultType#DNSSEC_INVALID} for DNS failures)
     */
    record DoNotUse(String reason, ResultType result) implements DaneVerdict {}
}
