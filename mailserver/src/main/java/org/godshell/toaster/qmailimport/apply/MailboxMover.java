package org.godshell.toaster.qmailimport.apply;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Carries an old Maildir (vpopmail's {@code .../DOMAIN/[0-9/]NAME/Maildir}, Maildir++ folders, flags in file names,
 * {@code courierimapuiddb}/{@code dovecot-uidlist}) into the toaster's {@code domains/DOMAIN/NAME/Maildir}. A rerun
 * finds what is already there and never duplicates a message. The Maildir carry-over package provides it.
 */
public interface MailboxMover {

    /** Move the files (same file system), hard-link them (the old host keeps its copy), or copy them. */
    enum Mode { MOVE, LINK, COPY }

    /** What a carry did or would do; {@code problems} are the messages or folders it left out, and why. */
    record Outcome(int messages, int folders, List<String> problems) {
        public Outcome {
            problems = List.copyOf(problems);
        }
    }

    Outcome carry(Path from, Path to, Mode mode) throws IOException;

    /** What {@link #carry} would do, writing nothing (for {@code --dry-run}). */
    Outcome plan(Path from, Path to, Mode mode) throws IOException;
}
