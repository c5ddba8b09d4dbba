/**
 * TLS for the SMTP and POP3 servers: the certificate and key from {@code control/servercert.pem}, the
 * server's TLS settings, upgrading a connection after STARTTLS (RFC 3207) or STLS (RFC 2595), and making a
 * self-signed certificate.
 *
 * <p>It must never offer protocols older than TLS 1.2 or cipher suites without forward secrecy and AEAD, and
 * never write a private key where others can read it.
 */
package org.godshell.toaster.tls;
