package org.godshell.toaster.pop3;

/**
 * STLS (RFC 2595 §4): +OK, then the session loop turns the connection into TLS, dropping whatever the client
 * sent after the command (the CVE-2011-0411 class of injection). Only before login (the table sees to that),
 * only once, only with a certificate.
 */
final class StlsHandler implements Handler {

    @Override
    public Step handle(SessionContext session, String argument) {
        if (session.tlsActive()) {
            return Step.respond(Replies.TLS_ACTIVE);
        }
        if (!session.tlsAvailable) {
            return Step.respond(Replies.TLS_UNAVAILABLE);
        }
        if (!argument.isEmpty()) {
            return Step.respond(Replies.NO_ARGUMENTS);
        }
        return new Step.StartTls(Replies.TLS_GO_AHEAD);
    }
}
