package org.godshell.toaster.smtpd;

import org.godshell.toaster.smtp.Replies;

/**
 * STARTTLS (RFC 3207): 220, then the session loop turns the connection into TLS. Offered only when a
 * certificate is configured; a second STARTTLS gets 503 (§4.2: not advertised once TLS is up).
 */
final class StartTlsHandler implements Handler {

    @Override
    public Step handle(SessionContext session, String argument) {
        if (!session.tlsOffered()) {
            return Step.respond(session.tlsInfo().isPresent() ? Replies.ALREADY_TLS : Replies.UNIMPLEMENTED);
        }
        if (!argument.isBlank()) {
            return Step.respond(Replies.BAD_ARGUMENTS);                 // RFC 3207 §4: no parameters
        }
        return new Step.StartTls(Replies.READY_FOR_TLS);
    }
}
