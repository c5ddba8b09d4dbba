package org.godshell.toaster.deliver.remote;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import org.godshell.toaster.dane.DaneFailure;
import org.godshell.toaster.mtasts.CertificateNameException;
import org.godshell.toaster.tlsrpt.ResultType;

/**
 * How a refused certificate is reported (RFC 8460 §4.3.1): the result type and a short reason. A verifier
 * (an MTA-STS or DANE trust manager) refuses with a {@code CertificateException}; its cause chain says why.
 */
final class TlsFailures {

    /** A refusal, classified. */
    record Refusal(ResultType type, String reason) {}

    private TlsFailures() {
    }

    static Refusal classify(Exception refusal) {
        String detail = Diagnoses.shortText(refusal);
        for (Throwable cause = refusal; cause != null; cause = cause.getCause()) {
            if (cause instanceof DaneFailure dane) {
                return new Refusal(dane.result(), "DANE: " + detail);
            }
            if (cause instanceof CertificateNameException) {
                return new Refusal(ResultType.CERTIFICATE_HOST_MISMATCH, "certificate host mismatch: " + detail);
            }
            if (cause instanceof CertificateExpiredException || cause instanceof CertificateNotYetValidException
                    || cause instanceof CertPathValidatorException v
                    && v.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
                return new Refusal(ResultType.CERTIFICATE_EXPIRED, "certificate expired: " + detail);
            }
            if (cause instanceof CertPathBuilderException || cause instanceof CertPathValidatorException) {
                return new Refusal(ResultType.CERTIFICATE_NOT_TRUSTED, "certificate not trusted: " + detail);
            }
        }
        return new Refusal(ResultType.VALIDATION_FAILURE, "certificate refused: " + detail);
    }
}
