/**
 * The SMTP server (RFC 5321): listeners, the session loop, and one handler per verb.
 *
 * <p>Only {@link org.godshell.toaster.smtpd.Session} touches a connection's socket; handlers take the session's
 * state and return replies as values. The command × state table lives in
 * {@link org.godshell.toaster.smtpd.CommandTable}. What it did is told to an
 * {@link org.godshell.toaster.smtpd.SmtpObserver} (the metrics) in values of fixed sets: the listener's port, a
 * {@link org.godshell.toaster.smtpd.Stage}, a {@link org.godshell.toaster.smtpd.TlsVersion}. This package must
 * never say {@code 250} to DATA before the queue has made the message durable, never relay for a client that no
 * rule or authentication allows, never hand client data to a shell, and never pass client data to its observer.
 */
package org.godshell.toaster.smtpd;
