package org.godshell.toaster.tlspublish;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Whether other servers would accept a certificate chain: what an MTA-STS policy in {@code enforce} mode makes
 * them check (RFC 8461 §4.2), and what fetching the policy over HTTPS needs (§3.3). Judged against the JDK's
 * trust store, which holds the roots the public CAs chain to; revocation is not asked (no network).
 */
public enum CertificateTrust {
    /** Chains to a root of the JDK's trust store and is valid now. */
    TRUSTED,
    /** Signed by its own key: {@code toaster cert selfsigned}'s kind. */
    SELF_SIGNED,
    /** Not valid now (expired, or not yet valid). */
    EXPIRED,
    /** Chains to no root the JDK knows: a private CA, or a chain file without its intermediates. */
    UNTRUSTED;

    /** What is wrong, as a sentence's predicate ("is self-signed"); empty for {@link #TRUSTED}. */
    public String problem() {
        return switch (this) {
            case TRUSTED -> "";
            case SELF_SIGNED -> "is self-signed";
            case EXPIRED -> "has expired (or is not valid yet)";
            case UNTRUSTED -> "chains to no root Java's trust store knows (a private CA, or missing intermediates)";
        };
    }

    /** The verdict for {@code chain} (the server's certificate first) at {@code now}. */
    public static CertificateTrust of(List<X509Certificate> chain, Instant now) {
        return of(chain, now, systemRoots());
    }

    static CertificateTrust of(List<X509Certificate> chain, Instant now, Set<TrustAnchor> roots) {
        X509Certificate leaf = chain.getFirst();
        try {
            leaf.checkValidity(Date.from(now));
        } catch (GeneralSecurityException e) {
            return EXPIRED;
        }
        if (selfSigned(leaf)) {
            return SELF_SIGNED;
        }
        try {
            PKIXParameters parameters = new PKIXParameters(roots);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
            return TRUSTED;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return UNTRUSTED;
        }
    }

    private static boolean selfSigned(X509Certificate certificate) {
        if (!certificate.getIssuerX500Principal().equals(certificate.getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The roots of the JDK's default trust store (cacerts, or what javax.net.ssl.trustStore names). */
    static Set<TrustAnchor> systemRoots() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            return Stream.of(factory.getTrustManagers()).filter(X509TrustManager.class::isInstance)
                    .map(X509TrustManager.class::cast).flatMap(m -> Stream.of(m.getAcceptedIssuers()))
                    .map(root -> new TrustAnchor(root, null)).collect(Collectors.toSet());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's trust store cannot be read: " + e.getMessage(), e);
        }
    }
}
