/**
 * File-system primitives shared by the packages that keep state on disk: atomic replacement of a small file
 * (temp file, fsync, rename, directory fsync) so that a concurrent reader or a crash never sees half a file.
 *
 * <p>What this package must never do: know what the files mean (users, delivery state, control files are
 * their packages' business), or follow a path it was not given.
 */
package org.godshell.toaster.io;
