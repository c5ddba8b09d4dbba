/**
 * The Authentication-Results header field (RFC 8601): {@link org.godshell.toaster.authres.AuthenticationResults}
 * writes ours from {@link org.godshell.toaster.authres.MethodResult}s (SPF, DKIM, DMARC), and the same results as
 * the ARC-Authentication-Results of an ARC set we seal (RFC 8617 §4.1.1), and
 * {@link org.godshell.toaster.authres.ForgedResults} finds the incoming fields that claim our authserv-id so the
 * caller drops them first (§5): readers and filters trust the field that names our host only if we alone can
 * write it.
 *
 * <p>What this package must never do: write a client's words (a sender, a signature's domain or selector)
 * anywhere but as an escaped value, so no CR, LF or control character reaches the header; write a line past
 * 998 octets; remove a field that names another authserv-id, or any ARC-Authentication-Results (they belong to
 * their ARC set); or run a check itself (the verdicts come from {@code spf}, {@code dmarc} and the DKIM
 * verifier).
 */
package org.godshell.toaster.authres;
