/**
 * What the installer installs: the host name, the mail domain, the first mailbox, the mode (system or
 * unprivileged) and its ports, from the command line, guesses about the host and, on a terminal, answers.
 *
 * <p>Every value is checked here, once, before any step sees it: a name that reaches a control file, a unit file
 * or a command's argv is a plain LDH host name or a plain address. It never asks when told not to (--yes) or
 * when nobody can answer (no terminal), and it never writes anything.
 */
package org.godshell.toaster.installer.settings;
