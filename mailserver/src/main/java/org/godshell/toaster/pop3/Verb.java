package org.godshell.toaster.pop3;

import java.util.Locale;
import java.util.Optional;

/**
 * The POP3 commands this server serves. APOP is not among them: it needs the password in clear on the server
 * and MD5, and the greeting offers no timestamp for it (RFC 1939 §7), so clients do not try it. AUTH (RFC 5034)
 * is not served either: USER and PASS inside TLS are what every client offers.
 */
enum Verb {
    USER, PASS, QUIT, STAT, LIST, RETR, DELE, NOOP, RSET, TOP, UIDL, CAPA, STLS;

    /** The keyword of a command line: its first word, case-insensitive (RFC 1939 §3). */
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

    /** What follows the keyword and one space; "" when nothing does. */
    static String argument(String line) {
        int space = line.indexOf(' ');
        return space < 0 ? "" : line.substring(space + 1);
    }
}
