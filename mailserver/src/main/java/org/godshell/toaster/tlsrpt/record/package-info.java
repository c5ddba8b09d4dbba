/**
 * The {@code _smtp._tls.<domain>} TXT record (RFC 8460 §3): where a policy domain wants its TLS reports. The
 * parser reads one record's text; the lookup asks DNS and applies the "exactly one record" rule.
 *
 * <p>What this package must never do: accept a report address the domain did not publish (an {@code rua} is
 * taken only from the record itself, never guessed), take a DNS failure for "no record", or accept a URI that
 * is neither {@code mailto:} nor {@code https:}.
 */
package org.godshell.toaster.tlsrpt.record;
