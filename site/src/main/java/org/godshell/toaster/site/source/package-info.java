/**
 * Reading a wiki repository at one commit: the files of its tree, through JGit, with their names checked.
 *
 * <p>Only git objects are read, never a working tree, so what is built is exactly what was committed. This package
 * must never follow a symlink, enter a submodule, or hand on a name that could step out of the site
 * ({@code ..}, control characters, invalid UTF-8): such entries are skipped with a {@link Warning}. Blob
 * contents the previous tree held are taken by object id ({@code BlobMemory}): an id names one content.
 */
package org.godshell.toaster.site.source;
