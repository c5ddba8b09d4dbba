package org.godshell.toaster.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.godshell.toaster.io.Handover;
import org.godshell.toaster.qmailimport.apply.MailboxMover;
import org.godshell.toaster.qmailimport.maildir.CarryMode;
import org.godshell.toaster.qmailimport.maildir.CarryResult;
import org.godshell.toaster.qmailimport.maildir.MaildirCarry;

/**
 * The import's Maildir step, done by {@link MaildirCarry}: what it carries is handed to the install's owner as it
 * is made, so that a run as root leaves nothing the daemons cannot read.
 */
record MaildirMover(Handover handover) implements MailboxMover {

    @Override
    public Outcome carry(Path from, Path to, Mode mode) throws IOException {
        return outcome(MaildirCarry.carry(from, to, carryMode(mode), handover));
    }

    @Override
    public Outcome plan(Path from, Path to, Mode mode) throws IOException {
        return outcome(MaildirCarry.plan(from, to, carryMode(mode)));
    }

    private static CarryMode carryMode(Mode mode) {
        return switch (mode) {
            case MOVE -> CarryMode.MOVE;
            case LINK -> CarryMode.LINK;
            case COPY -> CarryMode.COPY;
        };
    }

    private static Outcome outcome(CarryResult result) {
        return new Outcome(result.messages(), result.folders(), result.problems());
    }
}
