package org.godshell.toaster.dane;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import org.xbill.DNS.TLSARecord;

/**
 * One TLSA record (RFC 6698 §2.1): which certificate it names ({@code usage}), which part of it
 * ({@code selector}) and how ({@code matchingType}: the part itself, or its SHA-256 or SHA-512 digest).
 *
 * @param data the certificate association data, as published
 */
public record Tlsa(int usage, int selector, int matchingType, byte[] data) {

    /** RFC 7218 names of the usages SMTP uses (RFC 7672 §3.1). */
    public static final int DANE_TA = 2;
    public static final int DANE_EE = 3;
    /** Selectors: the whole certificate, or its SubjectPublicKeyInfo. */
    public static final int CERT = 0;
    public static final int SPKI = 1;
    /** Matching types: exact, SHA2-256, SHA2-512. */
    public static final int FULL = 0;
    public static final int SHA2_256 = 1;
    public static final int SHA2_512 = 2;

    public Tlsa {
        data = data.clone();
    }

    public static Tlsa of(TLSARecord record) {
        return new Tlsa(record.getCertificateUsage(), record.getSelector(), record.getMatchingType(),
                record.getCertificateAssociationData());
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /**
     * Whether SMTP can use it (RFC 7672 §2.2, §3.1.3): usage DANE-TA or DANE-EE (PKIX-TA and PKIX-EE name public
     * CAs, which SMTP does not trust), a known selector and matching type, and data of the digest's length; a
     * record with anything else is "unusable", as RFC 6698 §4.1 treats unknown parameters.
     */
    public boolean usable() {
        boolean knownLength = switch (matchingType) {
            case FULL -> data.length > 0;
            case SHA2_256 -> data.length == 32;
            case SHA2_512 -> data.length == 64;
            default -> false;
        };
        return (usage == DANE_TA || usage == DANE_EE) && (selector == CERT || selector == SPKI) && knownLength;
    }

    /** Whether {@code certificate}'s selected part has this record's data (RFC 6698 §2.1.2, §2.1.3). */
    public boolean matches(X509Certificate certificate) {
        if (!usable()) {
            return false;
        }
        byte[] selected;
        try {
            selected = selector == CERT ? certificate.getEncoded() : certificate.getPublicKey().getEncoded();
        } catch (CertificateEncodingException e) {
            return false;
        }
        return MessageDigest.isEqual(associate(selected), data);
    }

    /** Whether a SubjectPublicKeyInfo (DER) matches a selector-1 record. */
    boolean matchesKey(byte[] spki) {
        return usable() && selector == SPKI && MessageDigest.isEqual(associate(spki), data);
    }

    private byte[] associate(byte[] selected) {
        try {
            return switch (matchingType) {
                case SHA2_256 -> MessageDigest.getInstance("SHA-256").digest(selected);
                case SHA2_512 -> MessageDigest.getInstance("SHA-512").digest(selected);
                default -> selected;
            };
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256 and SHA-512", e);
        }
    }

    /** As a zone file writes it, the data cut short: for logs and delivery reports. */
    @Override
    public String toString() {
        String hex = HexFormat.of().formatHex(data, 0, Math.min(data.length, 32));
        return usage + " " + selector + " " + matchingType + " " + hex + (data.length > 32 ? "..." : "");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Tlsa t && t.usage == usage && t.selector == selector
                && t.matchingType == matchingType && MessageDigest.isEqual(t.data, data);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(data) * 31 + usage * 961 + selector * 31 + matchingType;
    }
}
