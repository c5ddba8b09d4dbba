/**
 * Walking an old qmail/vpopmail host's trees ({@code /var/qmail}, {@code /home/vpopmail}, {@code /etc/tcp.smtp},
 * valias dumps) into one {@link org.godshell.toaster.qmailimport.oldhost.OldToaster}: the domains with their users,
 * aliases and catch-alls, the domain aliases, the control files worth carrying (checked with the toaster's
 * parsers), the tcp.smtp rules and the plugin files they name, and everything left out with its reason.
 *
 * <p>What this package must never do: write, lock, rename or create anything anywhere (it only reads); follow a
 * symbolic link, in a file read or in a directory walk (a link is reported and left out); read outside the roots
 * it was given; keep vpasswd's clear-text field.
 */
package org.godshell.toaster.qmailimport.oldhost;
