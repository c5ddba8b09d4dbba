package org.godshell.toaster.smtpd;

import org.godshell.toaster.smtp.Replies;

/** QUIT (RFC 5321 §4.1.1.10): 221, then the server closes. An open transaction is abandoned. */
final class QuitHandler implements Handler {

    @Override
    public Step handle(SessionContext session, String argument) {
        session.abandonTransaction();
        return new Step.Close(Replies.closing(session.config.me()));
    }
}
