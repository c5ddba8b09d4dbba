package org.godshell.toaster.dane;

import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.godshell.toaster.smtpc.ServerTrust;
import org.godshell.toaster.tlsrpt.ResultType;

/**
 * Holds an SMTP server's certificate chain to the usable TLSA records of a {@link DaneVerdict.Authenticate}
 * (RFC 7672 §3.1, RFC 7671 §5). DANE-EE: the leaf's certificate or key matches, and nothing else is checked, not
 * names, not dates (§3.1.1). DANE-TA: a certificate of the chain matches (or, for a record of the full key, the
 * chain's top was issued by that key), the chain from the leaf to it validates as PKIX with that certificate as
 * its only trust anchor, dates included, and the leaf carries one of the reference names (§3.1.2, §3.2.3).
 * A failure is a {@link DaneFailure} saying which TLS-RPT result type it is.
 *
 * <p>For a client only: {@code checkClientTrusted} refuses.
 */
public final class DaneTrustManager extends ServerTrust {

    private final DaneVerdict.Authenticate verdict;

    public DaneTrustManager(DaneVerdict.Authenticate verdict) {
        this.verdict = verdict;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new DaneFailure(ResultType.CERTIFICATE_NOT_TRUSTED, "the server sent no certificate");
        }
        for (Tlsa record : verdict.records()) {
            if (record.usage() == Tlsa.DANE_EE && record.matches(chain[0])) {
                return;
            }
        }
        DaneFailure best = new DaneFailure(ResultType.TLSA_INVALID, "no TLSA record matches the certificate of "
                + chain[0].getSubjectX500Principal().getName() + " or its chain: " + verdict.records());
        for (Tlsa record : verdict.records()) {
            if (record.usage() != Tlsa.DANE_TA) {
                continue;
            }
            Optional<DaneFailure> failure = trustAnchor(record, chain);
            if (failure.isEmpty()) {
                return;
            }
            if (rank(failure.get().result()) > rank(best.result())) {
                best = failure.get();
            }
        }
        throw best;
    }

    /** Empty when the chain leads to a certificate or key of this DANE-TA record and the leaf is valid for us. */
    private Optional<DaneFailure> trustAnchor(Tlsa record, X509Certificate[] chain) {
        for (int i = 1; i < chain.length; i++) {
            if (record.matches(chain[i])) {
                return validate(Arrays.copyOf(chain, i), new TrustAnchor(chain[i], null), record);
            }
        }
        Optional<PublicKey> key = record.selector() == Tlsa.SPKI && record.matchingType() == Tlsa.FULL
                ? TrustAnchorKeys.decode(record.data()) : Optional.empty();
        if (key.isPresent()) {
            X509Certificate top = chain[chain.length - 1];
            return validate(chain, new TrustAnchor(top.getIssuerX500Principal(), key.get(), null), record);
        }
        return Optional.of(new DaneFailure(ResultType.TLSA_INVALID, "no certificate of the chain matches " + record));
    }

    private Optional<DaneFailure> validate(X509Certificate[] path, TrustAnchor anchor, Tlsa record) {
        try {
            PKIXParameters parameters = new PKIXParameters(Set.of(anchor));
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(List.of(path)), parameters);
        } catch (CertPathValidatorException e) {
            boolean dates = e.getReason() == BasicReason.EXPIRED || e.getReason() == BasicReason.NOT_YET_VALID;
            return Optional.of(new DaneFailure(dates ? ResultType.CERTIFICATE_EXPIRED
                    : ResultType.CERTIFICATE_NOT_TRUSTED, "the chain to the trust anchor of " + record
                    + " does not validate: " + e.getMessage()));
        } catch (InvalidAlgorithmParameterException | NoSuchAlgorithmException | CertificateException e) {
            return Optional.of(new DaneFailure(ResultType.CERTIFICATE_NOT_TRUSTED, "the chain to the trust anchor of "
                    + record + " cannot be checked: " + e.getMessage()));
        }
        if (!PeerNames.match(path[0], verdict.referenceNames())) {
            return Optional.of(new DaneFailure(ResultType.CERTIFICATE_HOST_MISMATCH, "the certificate is for "
                    + PeerNames.names(path[0]) + ", not for " + verdict.referenceNames()));
        }
        return Optional.empty();
    }

    /** The most telling failure wins: the chain reached a TA and only the name or dates were wrong. */
    private static int rank(ResultType result) {
        return switch (result) {
            case CERTIFICATE_HOST_MISMATCH -> 3;
            case CERTIFICATE_EXPIRED -> 2;
            case CERTIFICATE_NOT_TRUSTED -> 1;
            default -> 0;
        };
    }
}
