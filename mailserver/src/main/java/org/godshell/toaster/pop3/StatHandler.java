package org.godshell.toaster.pop3;

/** STAT (RFC 1939 §5): messages not marked deleted, and their octets. */
final class StatHandler implements Handler {

    @Override
    public Step handle(SessionContext session, String argument) {
        if (!argument.isEmpty()) {
            return Step.respond(Replies.NO_ARGUMENTS);
        }
        Maildrop drop = session.maildrop();
        return Step.respond(Reply.ok(drop.count() + " " + drop.size()));
    }
}
