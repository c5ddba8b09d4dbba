package org.godshell.toaster.smtpd;

import org.godshell.toaster.smtp.Replies;

/** VRFY (RFC 5321 §3.5.3): 252 without looking anything up, as qmail-smtpd: no user enumeration. */
final class VrfyHandler implements Handler {

    @Override
    public Step handle(SessionContext session, String argument) {
        return Step.respond(Replies.VRFY);
    }
}
