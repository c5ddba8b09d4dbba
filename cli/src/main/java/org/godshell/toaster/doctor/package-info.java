/**
 * {@code toaster doctor}: the health of an installed toaster (daemons, ports, certificate, DKIM keys, IMAP,
 * metrics, DNS) from its control files, install record and key files, as
 * {@link org.godshell.toaster.hostcheck.Finding}s that each say how to fix what is wrong.
 *
 * <p>It only reads and asks: it never starts, stops or changes anything, and it runs no shell.
 */
package org.godshell.toaster.doctor;
