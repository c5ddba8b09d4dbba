package org.godshell.toaster.pop3;

import java.io.PrintStream;
import java.time.Clock;

/**
 * The POP3 server's log: one line per notable event (login, failure, QUIT with what it removed, errors), each
 * prefixed by time and session id. Client-supplied text is written with control characters escaped, so a
 * client cannot forge log lines. Passwords never reach it.
 */
public final class Pop3Log {

    private final PrintStream out;
    private final Clock clock;

    public Pop3Log(PrintStream out) {
        this(out, Clock.systemUTC());
    }

    /** {@code clock} stamps the lines: the system's, or a fixed one in tests. */
    public Pop3Log(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    /** A line about a session, or about the server when {@code sessionId} is "-". */
    public void event(String sessionId, String text) {
        String line = clock.instant() + " pop3d[" + sessionId + "] " + clean(text);
        synchronized (out) {
            out.println(line);
        }
    }

    /** {@code login ok client=IP user=ADDRESS messages=N octets=N}: the address is the user store's. */
    public static String loginOkText(String client, String address, long messages, long octets) {
        return "login ok client=" + client + " user=" + address + " messages=" + messages + " octets=" + octets;
    }

    /** {@code login failed client=IP user=NAME}, the form fail2ban filters match (POP3 page). */
    public static String loginFailedText(String client, String name) {
        return "login failed client=" + client + " user=" + name;
    }

    static String clean(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().limit(300).forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f) {
                clean.append(String.format("\\x%02x", cp));
            } else {
                clean.appendCodePoint(cp);
            }
        });
        return clean.toString();
    }
}
