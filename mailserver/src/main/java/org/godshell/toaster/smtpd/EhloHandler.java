package org.godshell.toaster.smtpd;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.smtp.Replies;
import org.godshell.toaster.spp.Section;

/**
 * EHLO (RFC 5321 §4.1.1.1): as HELO, and the reply lists the extensions. Replies to EHLO carry no enhanced
 * status code (RFC 2034 §3).
 */
final class EhloHandler implements Handler {

    @Override
    public Step handle(SessionContext session, String argument) {
        String host = argument.strip();
        if (!HeloHandler.plausibleHost(host)) {
            return Step.respond(Replies.BAD_ARGUMENTS);
        }
        session.reset();
        session.environment.put("SMTPHELOHOST", host);
        Optional<Step> refused = session.plugins(Section.HELO);
        if (refused.isPresent()) {
            return refused.get();
        }
        session.greeted(host, true);
        long databytes = session.config.databytes();
        List<String> extensions = new ArrayList<>(List.of(
                "PIPELINING",                                           // RFC 2920
                databytes > 0 ? "SIZE " + databytes : "SIZE",           // RFC 1870 §4: no value, no fixed limit
                "8BITMIME",                                             // RFC 6152
                "ENHANCEDSTATUSCODES",                                  // RFC 2034
                "SMTPUTF8"));                                           // RFC 6531
        if (session.tlsOffered()) {
            extensions.add("STARTTLS");                                 // RFC 3207, not once TLS is up (§4.2)
        }
        if (session.authOffered()) {
            extensions.add("AUTH PLAIN LOGIN");                         // RFC 4954, only inside TLS
        }
        return Step.respond(Replies.ehlo(session.config.me(), extensions));
    }
}
