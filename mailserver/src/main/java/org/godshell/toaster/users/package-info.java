/**
 * Virtual domains and their users, the job vpopmail did in the old toasters. {@link
 * org.godshell.toaster.users.UserStore} keeps what does not depend on where they live (names, password hashing,
 * routing rules, logins' timing) and asks a {@link org.godshell.toaster.users.UserBackend}: the files of one host
 * ({@link org.godshell.toaster.users.FileBackend}), or PostgreSQL shared by several hosts
 * ({@code org.godshell.toaster.users.sql}), as {@code control/userdb} says.
 *
 * <p>The files: {@code domains/<domain>/passwd}
 * in Dovecot's passwd-file format (so Dovecot can serve IMAP from the same files), one line per user with a
 * {@code {SHA512-CRYPT}} hash, {@code {SCRAM-SHA-256}} keys (RFC 5802 §3, Dovecot's form) or a {@code {CRAM-MD5}}
 * HMAC-MD5 context (Dovecot's form, password-equivalent, written only on request), or, for users moved from
 * another system, an old {@code {MD5-CRYPT}} or {@code {CRYPT}} hash (read, never written; rewritten at a
 * successful login when {@code control/passwordrehash} allows it), and the mailboxes
 * in {@code domains/<domain>/<user>/Maildir/}; and each domain's aliases and catch-all in
 * {@code domains/<domain>/aliases}, {@code name: target@example.org, ...} a line.
 *
 * <p>{@link org.godshell.toaster.users.UserStore} is the entry for the rest of the toaster ({@code UserBackend} is
 * public for the database backend's package only): the SMTP server keeps one for its
 * life and asks {@link org.godshell.toaster.users.UserStore#verify} whether a password is right (and
 * {@link org.godshell.toaster.users.UserStore#scram} for a SCRAM user's stored keys,
 * {@link org.godshell.toaster.users.UserStore#cramMd5} for a CRAM-MD5 user's secret); the
 * {@code toaster domain}, {@code toaster user} and {@code toaster alias} commands edit through the same class, and
 * local delivery and the chkuser check ask {@link org.godshell.toaster.users.UserStore#route} where an address
 * goes ({@link org.godshell.toaster.users.Route}: a Maildir, forward targets, nobody, not ours).
 *
 * <p>What this package must never do:
 * <ul>
 *   <li>tell an unknown user from a wrong password, by the answer or by the work done: both run one crypt
 *       (an old-scheme user the dummy's as well);</li>
 *   <li>write a hash in a scheme weaker than {@code {SHA512-CRYPT}} on its own: the old schemes are read only;</li>
 *   <li>turn a name into a path before it passed {@link org.godshell.toaster.users.Address}'s checks, since
 *       user and domain names become directory names;</li>
 *   <li>run a program or write a file for an alias: targets are addresses only, never /etc/aliases' pipes,
 *       files or {@code :include:};</li>
 *   <li>bounce mail because a file or the database could not be read or an alias line is broken: that is a
 *       {@link org.godshell.toaster.users.UserStoreException}, which the caller turns into a deferral;</li>
 *   <li>leave a half-written passwd or aliases file where the server or Dovecot may read it: every edit is a
 *       temp file, fsync and an atomic rename, under {@code domains/.lock};</li>
 *   <li>delete mail: a removed user's or domain's directory is moved aside as {@code .removed-NAME-TIME}.</li>
 * </ul>
 */
package org.godshell.toaster.users;
