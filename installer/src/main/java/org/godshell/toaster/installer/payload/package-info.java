/**
 * Reading the distribution tar.gz: which entry names and types are allowed, and unpacking into a staging
 * directory.
 *
 * <p>Every entry is checked before a byte of it is written: no absolute names, no {@code ..}, no control
 * characters, no hard links or device files, and no symbolic link that resolves outside the staging
 * directory. This package never writes outside the directory it is given.
 */
package org.godshell.toaster.installer.payload;
