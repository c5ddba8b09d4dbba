package org.godshell.toaster.pop3;

/**
 * USER (RFC 1939 §7): remembers the name for PASS. Every name gets {@code +OK}, whether or not it exists, so
 * USER cannot be used to find users; the answer comes after PASS. Refused without TLS.
 */
final class UserHandler implements Handler {

    @Override
    public Step handle(SessionContext session, String argument) {
        if (!session.tlsActive()) {
            return Step.respond(Replies.NEEDS_TLS);
        }
        if (session.accounts.throttle().blocked(session.client.getAddress())) {
            session.observer.login(LoginObserver.Outcome.BLOCKED);
            session.log.event(session.id, Pop3Log.clientEvent("login blocked", session.client));
            return new Step.Close(Replies.BLOCKED);
        }
        if (argument.isBlank()) {
            return Step.respond(Replies.USER_NAME_NEEDED);
        }
        session.pendingUser(argument);
        return Step.respond(Reply.ok("send PASS"));
    }
}
