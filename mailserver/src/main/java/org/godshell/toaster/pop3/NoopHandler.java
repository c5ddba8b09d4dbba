package org.godshell.toaster.pop3;

/** NOOP (RFC 1939 §5). */
final class NoopHandler implements Handler {

    @Override
    public Step handle(SessionContext session, String argument) {
        return Step.respond(argument.isEmpty() ? Reply.ok("") : Replies.NO_ARGUMENTS);
    }
}
