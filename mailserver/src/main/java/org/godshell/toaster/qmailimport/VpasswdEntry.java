package org.godshell.toaster.qmailimport;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One vpasswd user. The clear-text field of the line has no component here: it is never read into an object.
 *
 * @param line  the 1-based line number in vpasswd
 * @param name  the local part, lowercased (vpopmail lowercases user names)
 * @param hash  the password hash and its scheme, or why it cannot be imported
 * @param uid   vpopmail's {@code pw_uid} field (unused by vpopmail, kept for the report)
 * @param flags vpopmail's {@code pw_gid} field, where it keeps per-user flags (no POP, no IMAP, ...)
 * @param gecos the full name
 * @param dir   the user's directory relative to the domain directory (vpopmail may hash it: {@code 0/ann})
 * @param quota the quota, empty when the field could not be read (a {@link LineProblem} says so)
 */
public record VpasswdEntry(int line, String name, OldHash hash, long uid, long flags, String gecos, Path dir,
        Optional<VpopQuota> quota) {
}
