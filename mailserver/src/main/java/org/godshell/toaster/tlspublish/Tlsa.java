package org.godshell.toaster.tlspublish;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.godshell.toaster.tls.ServerCertificate;

/**
 * A DANE-EE TLSA record (RFC 7672 §3.1.1: usage 3, selector 1, matching type 1): the SHA-256 of the server
 * certificate's SubjectPublicKeyInfo. It pins the key, not the certificate, so it survives renewals that keep
 * the key (RFC 7671 §8.1 recommends exactly this pair for SMTP).
 *
 * @param sha256 the hash, lower-case hex
 */
public record Tlsa(String sha256) {

    public Tlsa {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256 in hex: " + sha256);
        }
    }

    public static Tlsa of(X509Certificate certificate) {
        try {
            byte[] spki = certificate.getPublicKey().getEncoded();              // DER SubjectPublicKeyInfo
            return new Tlsa(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** One record per distinct key among the certificates, in their order. */
    public static List<Tlsa> distinct(List<ServerCertificate> certificates) {
        Set<Tlsa> keys = new LinkedHashSet<>();
        certificates.forEach(c -> keys.add(of(c.chain().get(0))));
        return List.copyOf(keys);
    }

    /** The owner name for SMTP on port 25 of {@code host} (RFC 7672 §2.2.3). */
    public static String owner(String host) {
        return "_25._tcp." + host.toLowerCase(Locale.ROOT);
    }

    /** The record's data as a zone file writes it. */
    public String data() {
        return "3 1 1 " + sha256;
    }
}
