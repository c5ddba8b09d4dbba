package org.godshell.toaster.smtpd;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import org.godshell.toaster.logline.DaemonLog;
import org.godshell.toaster.logline.Field;
import org.godshell.toaster.logline.Line;
import org.godshell.toaster.logline.LogFormat;
import org.godshell.toaster.smtp.Mailbox;
import org.godshell.toaster.smtp.Reply;

/**
 * The server's log: one line per transaction (client, HELO, sender, recipients, size, queue id, result, time)
 * and one per notable connection event, each prefixed by time and session id so a session can be followed, as
 * text or JSON ({@link DaemonLog}). The lines fail2ban reads name the client first, right after the event, so
 * that a filter anchored there never takes an address from a value the client chose.
 *
 * <p>Client-supplied text is written with control characters escaped, so a client cannot forge log lines. The
 * lines are read back by {@code toaster stats} ({@link org.godshell.toaster.logstats}): fields are only ever
 * added at the end of a line, and the fields a client chooses (HELO, addresses, user names) come before those
 * the server writes, which a reader takes from the right.
 */
public final class TransactionLog {

    private final DaemonLog log;

    /** The text format on {@code out}. */
    public TransactionLog(PrintStream out) {
        this(out, LogFormat.TEXT);
    }

    /** The text format on {@code out}, stamped by {@code clock}: the system's, or a fixed one in tests. */
    public TransactionLog(PrintStream out, Clock clock) {
        this(out, LogFormat.TEXT, clock);
    }

    /** {@code format} on {@code out}, stamped by {@code clock}: for the tests of the log's readers. */
    public TransactionLog(PrintStream out, LogFormat format, Clock clock) {
        this(new DaemonLog("smtpd", DaemonLog.Prefix.SESSION, format, out, clock, 0));
    }

    /** {@code format} on {@code out}, as {@code control/logformat} says. */
    public TransactionLog(PrintStream out, LogFormat format) {
        this(new DaemonLog("smtpd", DaemonLog.Prefix.SESSION, format, out, Clock.systemUTC(), 0));
    }

    /** {@code log} named smtpd; its lines are not cut, since every client value comes from a bounded line. */
    public TransactionLog(DaemonLog log) {
        this.log = log;
    }

    /**
     * {@code result} is the reply code given to DATA, or a word such as "abandoned"; {@code reason} says why a
     * message was not taken ({@link RefusalReason}), empty when it was or when the client left.
     */
    void transaction(SessionContext session, Transaction transaction, long size, String queueId, String result,
            String reason) {
        log.write(session.id, transaction(session.client.getAddress().getHostAddress(), session.heloHost(),
                transaction.senderAddress(), transaction.recipients().stream().map(Mailbox::toString).toList(),
                size, queueId, result, transaction.elapsedMillis(), reason));
    }

    /**
     * A transaction line: {@code tx client= helo= from=<> to=<> size= queue= result= ms=}, then {@code stage=data
     * reason=} when the message was refused. Public for the log's readers and their tests.
     */
    public static Line.Event transaction(String client, String helo, String sender, List<String> recipients,
            long size, String queueId, String result, double millis, String reason) {
        Line.Event tx = new Line.Event("tx", List.of(
                Field.of("client", client),
                Field.of("helo", helo),
                Field.angled("from", sender),
                Field.angled("to", String.join(",", recipients)),
                Field.number("size", size),
                Field.of("queue", queueId),
                Field.of("result", result),
                Field.decimal("ms", hundredths(millis))));
        return reason.isEmpty() ? tx : tx.with("stage", "data").with("reason", reason);
    }

    /** A command or a connection refused: one line the stats can count by stage and reason. */
    void refusal(SessionContext session, String stage, Reply reply, String reason) {
        log.write(session.id, refusal(stage, session.client.getAddress().getHostAddress(),
                Integer.toString(reply.code()), reply.enhanced() == null ? "-" : reply.enhanced(), reason));
    }

    /** A plugin's {@code D}: the connection closed without a reply, {@code code=drop}. */
    void dropped(SessionContext session, String stage) {
        log.write(session.id, refusal(stage, session.client.getAddress().getHostAddress(), "drop", "-", "plugin"));
    }

    /**
     * {@code refused stage=STAGE client=IP code=NNN status=X.Y.Z reason=WORD}: every value is the server's own
     * (a stage name, an address, the reply's codes, a word of {@link RefusalReason}), none the client's text.
     */
    public static Line.Event refusal(String stage, String client, String code, String status, String reason) {
        return Line.Event.of("refused").with("stage", stage).with("client", client).with("code", code)
                .with("status", status).with("reason", reason);
    }

    /**
     * {@code auth OUTCOME client=IP user=NAME mechanism=M}, the form fail2ban filters match (SMTP-AUTH page);
     * {@code mechanism} empty leaves it out. The user name is the client's: it comes before the mechanism.
     */
    public static Line.Event auth(String outcome, String client, String user, String mechanism) {
        Line.Event auth = Line.Event.of("auth " + outcome).with("client", client).with("user", user);
        return mechanism.isEmpty() ? auth : auth.with("mechanism", mechanism);
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
