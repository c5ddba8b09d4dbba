package org.godshell.toaster.dane;

import java.security.cert.CertificateException;
import java.util.Optional;
import org.godshell.toaster.tlsrpt.ResultType;

/**
 * The server's certificate failed DANE, and why in TLS-RPT's words (RFC 8460 §4.3). The TLS stack wraps it in
 * an {@code SSLHandshakeException}; {@link #of} finds it again in the causes.
 */
public final class DaneFailure extends CertificateException {

    private static final long serialVersionUID = 1L;

    private final transient ResultType result;

    public DaneFailure(ResultType result, String message) {
        super(message);
        this.result = result;
    }

    public ResultType result() {
        return result;
    }

    /** The DANE failure behind a failed handshake, if DANE was the reason. */
    public static Optional<DaneFailure> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DaneFailure dane) {
                return Optional.of(dane);
            }
        }
        return Optional.empty();
    }
}
