package org.godshell.toaster.smtpd;

import org.godshell.toaster.smtp.Replies;

/** RSET (RFC 5321 §4.1.1.5): abandons the transaction; the greeting stands. */
final class RsetHandler implements Handler {

    @Override
    public Step handle(SessionContext session, String argument) {
        session.reset();
        return Step.respond(Replies.RSET_OK);
    }
}
