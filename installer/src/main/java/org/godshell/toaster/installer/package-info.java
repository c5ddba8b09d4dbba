/**
 * {@code toaster-installer.jar}: its commands (install, upgrade, plan, uninstall, doctor), the exit codes, the
 * questions at a terminal and the summary with the DNS records.
 *
 * <p>It resolves the settings and runs the preflight before any step, so bad arguments (exit 2) and a host that
 * cannot take the toaster (exit 3) change nothing. Outside the prefix the steps touch only the system user
 * {@code toaster}, the systemd units and, for IMAP, Dovecot's package and the installer's one drop-in; this package
 * itself writes nothing.
 */
package org.godshell.toaster.installer;
