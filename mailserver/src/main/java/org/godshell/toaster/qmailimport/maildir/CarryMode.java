package org.godshell.toaster.qmailimport.maildir;

/** How {@link MaildirCarry} brings the old Maildir's message files into the toaster's (maildir.md, "Modes"). */
public enum CarryMode {
    /**
     * Hard link into the toaster's Maildir, then unlink the old name once the new one is durable: the old Maildir
     * loses its messages. Same file system only; across file systems the carry refuses and names {@link #COPY}.
     */
    MOVE,
    /**
     * Hard link: both Maildirs show the same files (and the same disk blocks) until one side changes them. Same
     * file system only. The shared files become the toaster user's.
     */
    LINK,
    /** Copy the content and the modification time; the old Maildir stays exactly as it was. */
    COPY
}
