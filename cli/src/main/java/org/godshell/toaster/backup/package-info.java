/**
 * {@code toaster backup} and {@code toaster restore}: one tar.gz archive (optionally OpenPGP-encrypted) of the
 * state under a toaster's prefix (control/, domains/, var/, the queue at one moment, the wiki repository as a git
 * bundle), a manifest with the SHA-256 of every file, increments that reference unchanged files in earlier
 * archives, a verifier and a restore that checks everything before it changes anything. See {@code backup.md}.
 *
 * <p>It must never: write outside its staging directory while reading an archive (names, links and sizes are
 * checked first), delete anything of the live install (a restore moves the current state aside), leave a
 * truncated archive under a final name, or put half-written files (Maildir tmp/, the queue's tmp/, temp files
 * of atomic writes, locks) into an archive.
 */
package org.godshell.toaster.backup;
