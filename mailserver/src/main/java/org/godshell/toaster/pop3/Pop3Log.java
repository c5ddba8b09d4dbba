package org.godshell.toaster.pop3;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import org.godshell.toaster.logline.DaemonLog;
import org.godshell.toaster.logline.Field;
import org.godshell.toaster.logline.Line;
import org.godshell.toaster.logline.LogFormat;

/**
 * The POP3 server's log: one line per notable event (login, failure, QUIT with what it removed, errors), each
 * prefixed by time and session id, as text or JSON ({@link DaemonLog}). Client-supplied text is written with
 * control characters escaped, so a client cannot forge log lines, and a line is cut at 300 characters. The lines
 * fail2ban reads name the client first, right after the event. Passwords never reach it. {@code toaster stats}
 * reads the login lines back ({@link org.godshell.toaster.logstats}).
 */
public final class Pop3Log {

    /** The longest line body (each JSON value), in code points: a user name is not limited by the protocol. */
    static final int MAX_CODE_POINTS = 300;

    private final DaemonLog log;

    /** The text format on {@code out}. */
    public Pop3Log(PrintStream out) {
        this(out, LogFormat.TEXT);
    }

    /** The text format on {@code out}, stamped by {@code clock}: the system's, or a fixed one in tests. */
    public Pop3Log(PrintStream out, Clock clock) {
        this(out, LogFormat.TEXT, clock);
    }

    /** {@code format} on {@code out}, stamped by {@code clock}: for the tests of the log's readers. */
    public Pop3Log(PrintStream out, LogFormat format, Clock clock) {
        this(new DaemonLog("pop3d", DaemonLog.Prefix.SESSION, format, out, clock, MAX_CODE_POINTS));
    }

    /** {@code format} on {@code out}, as {@code control/logformat} says. */
    public Pop3Log(PrintStream out, LogFormat format) {
        this(new DaemonLog("pop3d", DaemonLog.Prefix.SESSION, format, out, Clock.systemUTC(), MAX_CODE_POINTS));
    }

    /** {@code log} named pop3d. */
    public Pop3Log(DaemonLog log) {
        this.log = log;
    }

    /** A line about a session, or about the server when {@code sessionId} is "-". */
    public void event(String sessionId, String text) {
        log.write(sessionId, new Line.Message(text));
    }

    /** A line tools read about a session: {@code event client=IP ...}; public for the log's readers' tests. */
    public void event(String sessionId, Line.Event event) {
        log.write(sessionId, event);
    }

    /** An event whose first field is the client's address, where fail2ban filters find it. */
    static Line.Event clientEvent(String event, InetSocketAddress client) {
        return Line.Event.of(event).with("client", client.getAddress().getHostAddress());
    }

    /** {@code login ok client=IP user=ADDRESS messages=N octets=N}: the address is the user store's. */
    public static Line.Event loginOk(String client, String address, long messages, long octets) {
        return Line.Event.of("login ok").with("client", client).with("user", address)
                .with(Field.number("messages", messages)).with(Field.number("octets", octets));
    }

    /** {@code login failed client=IP user=NAME}, the form fail2ban filters match (POP3 page). */
    public static Line.Event loginFailed(String client, String name) {
        return Line.Event.of("login failed").with("client", client).with("user", name);
    }
}
