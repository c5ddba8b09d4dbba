package org.godshell.toaster.mtasts;

import java.security.cert.CertificateException;

/** A trusted certificate that does not name the host connected to (TLS-RPT's certificate-host-mismatch). */
public final class CertificateNameException extends CertificateException {

    private static final long serialVersionUID = 1L;

    CertificateNameException(String message) {
        super(message);
    }
}
