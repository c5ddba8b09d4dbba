/**
 * The checks of a whole message between its final dot and smtpd's reply (issue 19): for mail from outside,
 * DKIM verification, SPF, DMARC and the ARC chain, written as one Authentication-Results field (RFC 8601) in
 * place of any that forges ours, the DMARC policy applied (refuse, Junk, or record only, as
 * {@code control/dmarcpolicy} says, unless a sealer of {@code control/arcsealers} vouches), and an ARC seal when
 * one of our aliases forwards it elsewhere; for mail from our own users, a DKIM signature of the From domain
 * when it is one of ours with keys (and the login's own, when there is a login).
 * The results reach the queue as {@link org.godshell.toaster.queue.HeaderEdits}: the message is stored as
 * received and never copied; for mail from outside they also reach the {@code [body]} plugins, which smtpd runs
 * next, as the words of {@link org.godshell.toaster.msgauth.Verdicts}.
 *
 * <p>What it must never do: say pass when a lookup failed (that is a temporary error, and smtpd answers 451);
 * sign a message whose From is not ours or that a client outside sent; hold more message bytes in memory than
 * {@link org.godshell.toaster.msgauth.MessageMemory} allows; or touch the socket: it returns a
 * {@link org.godshell.toaster.msgauth.Judgement} and smtpd answers.
 */
package org.godshell.toaster.msgauth;
