package org.godshell.toaster.smtpd;

import java.util.Locale;
import java.util.Optional;

/** The SMTP verbs this server knows: those it serves, and those it knows to refuse as unimplemented. */
enum Verb {
    HELO, EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT, VRFY, HELP,
    /** Known verbs we do not serve (RFC 5321 §4.5.1 lists EXPN and friends; BDAT needs CHUNKING). */
    EXPN, TURN, ETRN, SEND, SOML, SAML, BDAT, STARTTLS, AUTH;

    /** The verb of a command line: its first word, case-insensitive (RFC 5321 §2.4). */
    static Optional<Verb> of(String line) {
        int space = line.indexOf(' ');
        String word = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        for (Verb verb : values()) {
            if (verb.name().equals(word)) {
                return Optional.of(verb);
            }
        }
        return Optional.empty();
    }

    /** What follows the verb and one space; "" when nothing does. */
    static String argument(String line) {
        int space = line.indexOf(' ');
        return space < 0 ? "" : line.substring(space + 1);
    }
}
