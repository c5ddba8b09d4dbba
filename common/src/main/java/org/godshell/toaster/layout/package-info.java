/**
 * What lives where in an installed toaster and who owns it: the one table of owners and modes ({@link
 * org.godshell.toaster.layout.Layout}) that the installer applies, {@code toaster doctor} checks and repairs, and
 * every {@code toaster} command that writes under the prefix follows ({@link
 * org.godshell.toaster.layout.Owners}), so that a command run as root leaves files exactly as the installer would.
 *
 * <p>It must never depend on a library: it lives in {@code common}, which has none, because the installer jar
 * carries it onto a fresh host. It never follows a symbolic link, and never changes what it was not asked about.
 */
package org.godshell.toaster.layout;
