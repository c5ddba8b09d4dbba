/**
 * The SMTP server (RFC 5321): listeners, the session loop, and one handler per verb.
 *
 * <p>Only {@link org.godshell.toaster.smtpd.Session} touches a connection's socket; handlers take the session's
 * state and return replies as values. The command × state table lives in
 * {@link org.godshell.toaster.smtpd.CommandTable}. This package must never say {@code 250} to DATA before the
 * queue has made the message durable, never relay for a client that no rule or authentication allows, and never
 * hand client data to a shell.
 */
package org.godshell.toaster.smtpd;
