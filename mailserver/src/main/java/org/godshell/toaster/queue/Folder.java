package org.godshell.toaster.queue;

/**
 * Where local delivery puts a message for its recipients, decided when it was taken in and stored with it
 * ({@link Intake#commit(HeaderEdits, Folder)}): the inbox, or the Junk folder when a check found it suspect
 * but not bad enough to refuse (a DMARC {@code p=quarantine}, a filter's verdict), so the user still has it.
 */
public enum Folder {
    INBOX,
    /** The Maildir++ folder {@code .Junk}, where IMAP clients look for spam (RFC 6154's {@code \Junk}). */
    JUNK
}
