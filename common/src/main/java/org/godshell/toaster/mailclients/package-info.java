/**
 * What mail clients are told about a toaster: which services it offers them (IMAP, POP3, submission), on which
 * ports, with TLS from the first byte or after STARTTLS, and under which host name. One value, {@link
 * org.godshell.toaster.mailclients.ClientSettings}, made from the ports of the listen files, feeds every way a
 * client configures itself: the wiki server's autoconfig, Autodiscover and Apple profile documents, and the SRV
 * records {@code toaster dns} prints (RFC 6186, RFC 8314 §5.1), so that they never disagree.
 *
 * <p>It only describes: it reads no file, opens no socket and speaks no protocol. It must never depend on a
 * library, as all of {@code common}, and never hold anything about a user: the settings are the same for every
 * address of every domain, so nothing served from them can tell whether a user exists.
 */
package org.godshell.toaster.mailclients;
