/**
 * The install as a list of idempotent {@link org.godshell.toaster.installer.step.Step}s, the journal that lets an
 * interrupted run resume, and the runner of external commands.
 *
 * <p>Each step checks the state it wants ({@code isDone}) before changing anything, so a rerun changes nothing
 * and {@code plan}/{@code --dry-run} can say what would happen without doing it. Steps run programs with an argv
 * list, never through a shell, and never follow a symbolic link when they change owners or modes. Outside the
 * prefix they touch only the system users (useradd/userdel), the systemd unit files, and for IMAP the package
 * {@code dovecot-imapd} and the installer's one Dovecot drop-in (never another Dovecot file).
 */
package org.godshell.toaster.installer.step;
