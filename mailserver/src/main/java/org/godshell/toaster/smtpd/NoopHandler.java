package org.godshell.toaster.smtpd;

import org.godshell.toaster.smtp.Replies;

/** NOOP (RFC 5321 §4.1.1.9): nothing, and the argument is ignored. */
final class NoopHandler implements Handler {

    @Override
    public Step handle(SessionContext session, String argument) {
        return Step.respond(Replies.OK);
    }
}
