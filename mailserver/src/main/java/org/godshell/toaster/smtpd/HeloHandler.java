package org.godshell.toaster.smtpd;

import java.util.Optional;
import org.godshell.toaster.smtp.Replies;
import org.godshell.toaster.spp.Section;

/** HELO (RFC 5321 §4.1.1.1): the client names itself; the reply names us. No extensions follow. */
final class HeloHandler implements Handler {

    @Override
    public Step handle(SessionContext session, String argument) {
        String host = argument.strip();
        Optional<Step> refused = greet(session, host, false);
        return refused.orElse(Step.respond(Replies.helo(session.config.me())));
    }

    /**
     * What HELO and EHLO share: the argument's check, the reset (RFC 5321 §4.1.4), the [helo] plugins; the
     * refusal when there is one, else the session is greeted.
     */
    static Optional<Step> greet(SessionContext session, String host, boolean extended) {
        if (!plausibleHost(host)) {
            return Optional.of(Step.respond(Replies.BAD_ARGUMENTS));
        }
        session.reset();
        session.environment.put("SMTPHELOHOST", host);
        Optional<Step> refused = session.plugins(Section.HELO);
        if (refused.isEmpty()) {
            session.greeted(host, extended);
        }
        return refused;
    }

    /**
     * RFC 5321 wants a domain or an address literal; like qmail-smtpd we take any single printable ASCII word,
     * since plugins and logs judge it, but never an empty one, spaces, or 8-bit text (RFC 6531 keeps EHLO ASCII).
     */
    static boolean plausibleHost(String host) {
        if (host.isEmpty() || host.length() > 255) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }
}
