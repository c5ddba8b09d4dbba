/**
 * Certificates from an ACME CA (RFC 8555) through acme4j: the account, ordering one certificate for a list of
 * names with HTTP-01 answers (RFC 8555 §8.3) or TLS-ALPN-01 validation certificates (RFC 8737) written where
 * the wiki's server serves them, the renewal decision (30 days, or ACME Renewal Information, RFC 9773, when the
 * CA offers it) with persisted back-off, and the files
 * under {@code control/acme/} ({@link org.godshell.toaster.acme.AcmeFiles}). {@link org.godshell.toaster.acme.Acme}
 * is the one entry point for the commands, the installer and the daemon ({@link
 * org.godshell.toaster.acme.DailyRenewal}); {@link org.godshell.toaster.acme.AcmeNames} chooses the names to order.
 *
 * <p>It must never replace a working certificate with anything but a complete, verified new one (written
 * atomically), never write a private key others can read, never follow a link when it changes an owner, and never
 * leave a challenge answer behind after its order.
 */
package org.godshell.toaster.acme;
