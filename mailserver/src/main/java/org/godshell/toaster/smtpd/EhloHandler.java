package org.godshell.toaster.smtpd;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.smtp.Replies;

/**
 * EHLO (RFC 5321 §4.1.1.1): as HELO, and the reply lists the extensions. Replies to EHLO carry no enhanced
 * status code (RFC 2034 §3).
 */
final class EhloHandler implements Handler {

    @Override
    public Step handle(SessionContext session, String argument) {
        Optional<Step> refused = HeloHandler.greet(session, argument.strip(), true);
        if (refused.isPresent()) {
            return refused.get();
        }
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
            // RFC 4954 §3, only inside TLS; the list is control/smtpauthmechs (CRAM-MD5 only when the admin adds it)
            extensions.add("AUTH " + String.join(" ", session.config.authMechanisms()));
        }
        return Step.respond(Replies.ehlo(session.config.me(), extensions));
    }
}
