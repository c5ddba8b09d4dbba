/**
 * The installation prefix: which directories may hold a toaster, and moving an unpacked payload into one.
 *
 * <p>It refuses system directories and non-empty directories that are not a toaster's, and it keeps
 * configuration files an admin already has. It never deletes anything outside its own staging directory.
 */
package org.godshell.toaster.installer.prefix;
