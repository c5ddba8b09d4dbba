/**
 * SMTP TLS Reporting (RFC 8460): what remote delivery learnt about each TLS session it tried, kept per policy
 * domain, and the daily aggregate report sent to the domains that ask for one with a {@code _smtp._tls} record.
 * Remote delivery hands every session's outcome to a {@link org.godshell.toaster.tlsrpt.TlsResults}; this package
 * stores, aggregates and reports them.
 *
 * <p>What this package must never do: block or fail a delivery (recording is cheap, never throws and never asks
 * DNS), put a message's sender, recipient or content in a report (RFC 8460 §6: only hosts, addresses, policies
 * and counts), or send a report anywhere but an {@code rua} the policy domain itself published.
 */
package org.godshell.toaster.tlsrpt;
