package org.godshell.toaster.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.godshell.toaster.qmailimport.apply.MailboxMover;

/**
 * Where {@code toaster import qmail} gets its Maildir carry-over. The carry-over itself (package
 * {@code qmailimport.maildir}) is not part of this build yet: until it is wired here, every mailbox step fails with
 * this message, the report lists it, and a rerun after the upgrade carries the mail.
 */
final class MaildirCarryPending {

    static final MailboxMover MOVER = new MailboxMover() {
        @Override
        public Outcome carry(Path from, Path to, Mode mode) throws IOException {
            throw unavailable();
        }

        @Override
        public Outcome plan(Path from, Path to, Mode mode) throws IOException {
            throw unavailable();
        }
    };

    private MaildirCarryPending() {
    }

    private static IOException unavailable() {
        return new IOException("the Maildir carry-over is not in this build: users and aliases are imported,"
                + " the mail is carried by a rerun once it is");
    }
}
