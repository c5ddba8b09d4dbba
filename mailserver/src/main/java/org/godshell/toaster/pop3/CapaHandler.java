package org.godshell.toaster.pop3;

import java.util.ArrayList;
import java.util.List;

/**
 * CAPA (RFC 2449 §5), in any state. USER is listed only inside TLS, where it works (RFC 2595 §4 lets a server
 * hide it until then), and STLS only before TLS and login, where it can be used.
 */
final class CapaHandler implements Handler {

    @Override
    public Step handle(SessionContext session, String argument) {
        if (!argument.isEmpty()) {
            return Step.respond(Replies.NO_ARGUMENTS);
        }
        List<String> capabilities = new ArrayList<>(List.of("TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE",
                "PIPELINING"));
        if (session.tlsActive()) {
            capabilities.add("USER");
        } else if (session.tlsAvailable && session.state() == State.AUTHORIZATION) {
            capabilities.add("STLS");
        }
        capabilities.add("IMPLEMENTATION Godshell-Toaster");
        return Step.respond(Reply.multiLine("capability list follows", capabilities));
    }
}
