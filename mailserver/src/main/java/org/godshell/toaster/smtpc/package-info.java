/**
 * The client side of SMTP (RFC 5321): a connection to one server that sends commands and reads replies
 * strictly and within deadlines, the EHLO keywords the server offered, STARTTLS with the caller's trust manager (RFC 3207) and the per-command timeouts of RFC 5321 §4.5.3.2.
 *
 * <p>What this package must never do: wait without a bound (every read has a deadline for the whole reply,
 * every write a watchdog), hold an unbounded reply in memory (line and line-count limits), accept a malformed
 * reply as if it were a good one, keep bytes a server sent before the TLS handshake, or decide policy (which
 * host to try, what a reply means for a recipient): that is the delivery code's job
 * ({@link org.godshell.toaster.deliver.remote}).
 */
package org.godshell.toaster.smtpc;
