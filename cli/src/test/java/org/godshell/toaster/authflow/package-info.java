/**
 * Issue 19's flows end to end between two real toasters: mail a user submits at one ({@code toaster smtpd} with
 * delivery, its DKIM keys made by {@code toaster domain add}) leaves signed and arrives at the other, which
 * verifies it and writes {@code dkim=pass}, {@code spf=pass} and {@code dmarc=pass} in its Authentication-Results;
 * a forgery of the sender's domain sent straight to the receiver is refused or filed in Junk as
 * {@code control/dmarcpolicy} and the domain's DMARC policy say.
 *
 * <p>Tests here must never reach beyond loopback: every DNS question of both toasters goes to one fixture DNS
 * server, which publishes what the sender's admin would (the DKIM records {@code toaster dns} prints). They wait
 * only for positive outcomes (a message in a Maildir), never for time to pass.
 */
package org.godshell.toaster.authflow;
