/**
 * {@code toaster-installer.jar}: the command line of the installer and the order of its steps.
 *
 * <p>It checks the prefix, unpacks the embedded distribution into a staging directory inside it, and only then
 * moves files into place. It must never write outside the prefix, and never touch the prefix before the whole
 * payload has been read and checked.
 */
package org.godshell.toaster.installer;
