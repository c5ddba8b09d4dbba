/**
 * Running an import plan on the toaster: domains, users and aliases only through
 * {@link org.godshell.toaster.users.UserStore} (its lock, checks and atomic writes), control files through
 * {@link org.godshell.toaster.io.AtomicFile}, Maildirs through a {@link org.godshell.toaster.qmailimport.apply.MailboxMover},
 * everything handed to the install's accounts ({@link org.godshell.toaster.layout.Owners}); then the report file.
 * {@link org.godshell.toaster.qmailimport.apply.ToasterStateReader} reads what the toaster holds, for the plan.
 *
 * <p>What this package must never do: write anything on the old host; overwrite a toaster user, a control file or a
 * rule; stop at the first failed step (each is reported, the others still run, a rerun picks up the rest); write
 * anything at all for a dry run.
 */
package org.godshell.toaster.qmailimport.apply;
