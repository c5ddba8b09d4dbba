package org.godshell.toaster.pop3;

import org.godshell.toaster.logline.Field;
import org.godshell.toaster.logline.Line;

/**
 * QUIT (RFC 1939 §6): before login, goodbye; after it, the UPDATE state: the marked messages are removed, and
 * only here. A removal that fails is reported with {@code -ERR [SYS/TEMP]} (RFC 3206); those messages stay
 * and are listed at the next login. Either way the lock goes before the reply, and the connection closes.
 */
final class QuitHandler implements Handler {

    @Override
    public Step handle(SessionContext session, String argument) {
        String me = session.config.me();
        if (session.state() == State.AUTHORIZATION) {
            return new Step.Close(Reply.ok(me + " signing off"));
        }
        Maildrop drop = session.maildrop();
        Maildrop.Commit commit = drop.commit();
        session.log.event(session.id, Line.Event.of("quit").with("user", session.user().orElse("?"))
                .with(Field.number("removed", commit.removed())).with(Field.number("failed", commit.failed()))
                .with(Field.number("kept", drop.count())));
        session.close();                                                // the lock goes before the client hears +OK
        if (commit.failed() > 0) {
            return new Step.Close(Reply.err("SYS/TEMP", commit.failed() + " deleted messages could not be removed"));
        }
        return new Step.Close(Reply.ok(me + " signing off (" + commit.removed() + " messages removed)"));
    }
}
