package org.godshell.toaster.dane;

import java.util.List;
import org.xbill.DNS.Record;

/**
 * What a DNSSEC-validated lookup gave, in the four states of RFC 4033 §5 and RFC 4035 §4.3, plus "no answer".
 * RFC 7672 §2.1.1 reads them differently: secure data and secure denial may be relied on, insecure means DANE
 * cannot apply, and bogus or no answer is a failure that must not be taken for "no records".
 */
public sealed interface SecureAnswer {

    /**
     * Records of the type asked for (at least one), every signature on the way checked up to a trust anchor.
     *
     * @param name the name the records are at: the name asked for, or the end of its CNAME chain (RFC 7672
     *             §2.2.2 calls it the fully CNAME-expanded name), lower case, without the final dot
     */
    record Secure(List<Record> records, String name) implements SecureAnswer {
        public Secure {
            records = List.copyOf(records);
            if (records.isEmpty()) {
                throw new IllegalArgumentException("Secure needs a record; use SecureDenial");
            }
        }
    }

    /** A signed proof (NSEC or NSEC3) that the name does not exist ({@code nxdomain}) or has no such record. */
    record SecureDenial(boolean nxdomain) implements SecureAnswer {}

    /** The answer is under no trust anchor, or a zone on the way is provably unsigned: nothing is proven. */
    record Insecure(List<Record> records) implements SecureAnswer {
        public Insecure {
            records = List.copyOf(records);
        }
    }

    /** Signatures were expected but are missing, expired or wrong: an attack or a broken zone. */
    record Bogus(String reason) implements SecureAnswer {}

    /** No usable answer: every nameserver timed out, failed or could not be reached in time. */
    record Temporary(String reason) implements SecureAnswer {}
}
