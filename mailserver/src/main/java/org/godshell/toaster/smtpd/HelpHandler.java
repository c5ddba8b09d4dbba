package org.godshell.toaster.smtpd;

import org.godshell.toaster.smtp.Replies;

/** HELP (RFC 5321 §4.1.1.8): where to read more. */
final class HelpHandler implements Handler {

    @Override
    public Step handle(SessionContext session, String argument) {
        return Step.respond(Replies.HELP);
    }
}
