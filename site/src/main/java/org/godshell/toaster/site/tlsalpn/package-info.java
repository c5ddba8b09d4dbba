/**
 * ACME's TLS-ALPN-01 answers (RFC 8737) on the wiki's HTTPS listener: to a client whose ClientHello offers the
 * ALPN protocol {@code acme-tls/1}, the handshake negotiates it and presents the validation certificate the ACME
 * client wrote for the SNI name ({@link org.godshell.toaster.site.tlsalpn.ValidationCertificates}), chosen by
 * {@link org.godshell.toaster.site.tlsalpn.AcmeTlsAlpnKeyManager}; every other client gets the server's own
 * certificate and the handshake it got before. Plain JSSE: the web server glue is in the serve package.
 *
 * <p>It must never present a validation certificate to a client that did not ask for {@code acme-tls/1}, never
 * present the server's own certificate with {@code acme-tls/1} negotiated, never touch the file system with an
 * SNI name that is not a plain lowercase host name, and never serve a file that is not a validation certificate
 * (RFC 8737 §3) for exactly that name.
 */
package org.godshell.toaster.site.tlsalpn;
