package org.godshell.toaster.qmailimport.maildir;

import java.util.List;

/** A state file turned into the form Dovecot reads, or the reason it could not be. */
sealed interface Converted {

    /** The new file's content, and the lines left out (by line number, never quoted). */
    record Done(byte[] content, List<String> leftOut) implements Converted {
        public Done {
            leftOut = List.copyOf(leftOut);
        }
    }

    /** Nothing usable: the file is not carried. */
    record Refused(String why) implements Converted {
    }
}
