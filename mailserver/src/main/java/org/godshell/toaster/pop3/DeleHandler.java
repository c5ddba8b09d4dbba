package org.godshell.toaster.pop3;

/** DELE (RFC 1939 §5): marks a message; the file stays until QUIT, and RSET takes the mark back. */
final class DeleHandler implements Handler {

    @Override
    public Step handle(SessionContext session, String argument) {
        Maildrop drop = session.maildrop();
        return Step.respond(switch (Arguments.message(drop, argument)) {
            case Arguments.Pick.Refused refused -> refused.reply();
            case Arguments.Pick.Found found -> {
                drop.delete(found.message());
                yield Reply.ok("message " + found.message().number() + " deleted");
            }
        });
    }
}
