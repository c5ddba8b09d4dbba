package org.godshell.toaster.qmailimport;

import java.nio.file.Path;

/** One delivery instruction of a {@code .qmail} file (dot-qmail(5): comment, program, forward, mbox, maildir). */
public sealed interface Delivery {

    /** {@code &addr} or a bare {@code addr}: becomes an alias target. */
    record Forward(String address) implements Delivery {
    }

    /** {@code ./ann/Maildir/} or an absolute one inside the domain: the Maildir, relative to the domain. */
    record Maildir(Path relative) implements Delivery {
    }

    /** vpopmail's {@code |vdelivermail '' ACTION}: what happens to mail for unknown users. */
    record Vdelivermail(CatchAllAction action) implements Delivery {
    }

    /** Any other {@code |program} line or an mbox file: listed in the report, never imported, never run. */
    record NotImported(String what, String reason) implements Delivery {
    }

    /** vdelivermail's last argument. */
    sealed interface CatchAllAction {

        /** {@code bounce-no-mailbox}: unknown users bounce (the toaster's default: no catch-all). */
        record Bounce() implements CatchAllAction {
        }

        /** {@code delete}: mail for unknown users is accepted and thrown away. */
        record Delete() implements CatchAllAction {
        }

        /** {@code user@domain}: mail for unknown users goes to that address (the toaster's {@code *} alias). */
        record ForwardTo(String address) implements CatchAllAction {
        }

        /** A Maildir directory inside the domain: the catch-all is that user's mailbox. */
        record MailboxAt(Path relative) implements CatchAllAction {
        }
    }
}
