/**
 * Carrying the Maildirs of an old qmail/vpopmail toaster into the toaster's {@code domains/DOMAIN/NAME/Maildir}
 * for {@code toaster import qmail} (issue 24): {@link org.godshell.toaster.qmailimport.maildir.MaildirCarry} moves,
 * hard-links or copies ({@link org.godshell.toaster.qmailimport.maildir.CarryMode}) the messages of the inbox and
 * the Maildir++ folders under their exact names, and the state files that keep IMAP UIDs, keywords and
 * subscriptions (Courier-IMAP's converted to Dovecot's); {@code plan} says what it would do. The rules and the
 * reasons are in {@code maildir.md} beside this file.
 *
 * <p>What this package must never do:
 * <ul>
 *   <li>follow a symbolic link anywhere in the old tree, or build a path on the toaster's side from a name that
 *       has {@code /}, control characters, is not valid UTF-8, or would leave the folder ({@code ..});</li>
 *   <li>overwrite anything in the toaster's Maildir: a message whose base name is there is "already there", a
 *       state file the toaster has (its own {@code dovecot-uidlist}) is kept and reported;</li>
 *   <li>show half a message under a message's name: a copy is written in {@code tmp/}, fsynced, then linked;</li>
 *   <li>change the old tree, except that {@code MOVE} unlinks a message once its new name is durable, and that
 *       {@code MOVE} and {@code LINK} hand the shared file to the toaster's user, both only as the admin chose;</li>
 *   <li>carry {@code tmp/}, {@code maildirsize} or Dovecot's indexes ({@code dovecot.*}): unfinished deliveries
 *       and caches that are rebuilt.</li>
 * </ul>
 */
package org.godshell.toaster.qmailimport.maildir;
