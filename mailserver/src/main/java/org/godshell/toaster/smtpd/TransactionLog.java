package org.godshell.toaster.smtpd;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import org.godshell.toaster.logline.DaemonLog;
import org.godshell.toaster.logline.Field;
import org.godshell.toaster.logline.Line;
import org.godshell.toaster.logline.LogFormat;
import org.godshell.toaster.smtp.Mailbox;

/**
 * The server's log: one line per transaction (client, HELO, sender, recipients, size, queue id, result, time)
 * and one per notable connection event, each prefixed by time and session id so a session can be followed, as
 * text or JSON ({@link DaemonLog}). The lines fail2ban reads name the client first, right after the event, so
 * that a filter anchored there never takes an address from a value the client chose.
 *
 * <p>Client-supplied text is written with control characters escaped, so a client cannot forge log lines.
 */
public final class TransactionLog {

    private final DaemonLog log;

    /** The text format on {@code out}. */
    public TransactionLog(PrintStream out) {
        this(out, LogFormat.TEXT);
    }

    /** {@code format} on {@code out}, as {@code control/logformat} says. */
    public TransactionLog(PrintStream out, LogFormat format) {
        this(new DaemonLog("smtpd", DaemonLog.Prefix.SESSION, format, out, Clock.systemUTC(), 0));
    }

    /** {@code log} named smtpd; its lines are not cut, since every client value comes from a bounded line. */
    public TransactionLog(DaemonLog log) {
        this.log = log;
    }

    /** {@code result} is the reply code given to DATA, or a word such as "abandoned". */
    void transaction(SessionContext session, Transaction transaction, long size, String queueId, String result) {
        String recipients = transaction.recipients().stream().map(Mailbox::toString)
                .collect(Collectors.joining(","));
        log.write(session.id, new Line.Event("tx", List.of(
                Field.of("client", session.client.getAddress().getHostAddress()),
                Field.of("helo", session.heloHost()),
                Field.angled("from", transaction.senderAddress()),
                Field.angled("to", recipients),
                Field.number("size", size),
                Field.of("queue", queueId),
                Field.of("result", result),
                Field.decimal("ms", hundredths(transaction.elapsedMillis())))));
    }

    /** A line about a session, or about the server when {@code sessionId} is "-". */
    public void event(String sessionId, String text) {
        log.write(sessionId, new Line.Message(text));
    }

    /** A line tools read about a session: {@code event client=IP ...}, built with {@link #clientEvent}. */
    void event(String sessionId, Line.Event event) {
        log.write(sessionId, event);
    }

    /** An event whose first field is the client's address, where fail2ban filters find it. */
    static Line.Event clientEvent(String event, SessionContext session) {
        return Line.Event.of(event).with("client", session.client.getAddress().getHostAddress());
    }

    /** {@code millis} with two decimals, as {@code %.2f} would print it, without a formatter per line. */
    static String hundredths(double millis) {
        long hundredths = Math.round(millis * 100);
        long fraction = hundredths % 100;
        return hundredths / 100 + (fraction < 10 ? ".0" : ".") + fraction;
    }
}
