/**
 * The POP3 server (RFC 1939, with CAPA and response codes of RFC 2449, STLS of RFC 2595 and TLS on connect of
 * RFC 8314): it lets the toaster's virtual users download the mail in their Maildirs, the same
 * {@code domains/<domain>/<user>/Maildir/} that Dovecot reads.
 *
 * <p>Only {@link org.godshell.toaster.pop3.Session} touches a connection's socket; handlers take the session's
 * state and return replies as values, and the verb × state table lives in
 * {@link org.godshell.toaster.pop3.CommandTable}. {@link org.godshell.toaster.pop3.Maildrop} is the mailbox of
 * one logged-in session: listed and locked at login, changed only at QUIT.
 *
 * <p>What this package must never do: accept a password on a connection without TLS; tell an unknown user from
 * a wrong password; delete a message before QUIT in the UPDATE state (RFC 1939 §6), so a dropped connection
 * loses nothing; follow a symbolic link inside a Maildir; let two sessions hold one mailbox at once; turn a
 * login name into a path before {@link org.godshell.toaster.users.Address} accepted it.
 */
package org.godshell.toaster.pop3;
