package org.godshell.toaster.pop3;

/** RSET (RFC 1939 §5): every deletion mark of the session is taken back. */
final class RsetHandler implements Handler {

    @Override
    public Step handle(SessionContext session, String argument) {
        if (!argument.isEmpty()) {
            return Step.respond(Replies.NO_ARGUMENTS);
        }
        Maildrop drop = session.maildrop();
        drop.undeleteAll();
        return Step.respond(Reply.ok(drop.count() + " messages (" + drop.size() + " octets)"));
    }
}
