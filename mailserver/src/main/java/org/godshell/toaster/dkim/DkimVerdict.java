package org.godshell.toaster.dkim;

/**
 * The verdict on one DKIM-Signature header field, with what Authentication-Results (RFC 8601 §2.7.1) and DMARC
 * need of it. The tag values are as the signature wrote them, or empty when it could not be read that far.
 *
 * @param reason     why, in words for a log or a {@code reason=}; "verified" for a pass
 * @param domain     {@code d=}, the signing domain (DMARC's alignment compares it with From; not done here)
 * @param selector   {@code s=}
 * @param algorithm  {@code a=}
 * @param identity   {@code i=}, or {@code @d} when the signature has none
 * @param headerB    the first octets of {@code b=}, at least 8 and as many more as tell it from the other
 *                   signatures of the message ({@code header.b}, RFC 6008 §4)
 * @param bodyPartial {@code l=} signed less than the whole canonical body: the rest was added after signing
 * @param testing    the key record says {@code t=y}: the domain is testing DKIM
 */
public record DkimVerdict(DkimResult result, String reason, String domain, String selector, String algorithm,
        String identity, String headerB, boolean bodyPartial, boolean testing) {

    /** The same verdict with {@code header.b} set. */
    DkimVerdict withHeaderB(String b) {
        return new DkimVerdict(result, reason, domain, selector, algorithm, identity, b, bodyPartial, testing);
    }
}
