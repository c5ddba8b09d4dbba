package org.godshell.toaster.smtpd;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import org.godshell.toaster.smtp.Mailbox;
import org.godshell.toaster.smtp.Reply;

/**
 * The server's log: one line per transaction (client, HELO, sender, recipients, size, queue id, result, time)
 * and one per notable connection event, each prefixed by time and session id so a session can be followed.
 *
 * <p>Client-supplied text is written with control characters escaped, so a client cannot forge log lines. The
 * lines are read back by {@code toaster stats} ({@link org.godshell.toaster.logstats}): fields are only ever
 * added at the end of a line, and the fields a client chooses (HELO, addresses, user names) come before those
 * the server writes, which a reader takes from the right.
 */
public final class TransactionLog {

    private final PrintStream out;
    private final Clock clock;

    public TransactionLog(PrintStream out) {
        this(out, Clock.systemUTC());
    }

    /** {@code clock} stamps the lines: the system's, or a fixed one in tests. */
    public TransactionLog(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    /**
     * {@code result} is the reply code given to DATA, or a word such as "abandoned"; {@code reason} says why a
     * message was not taken ({@link RefusalReason}), empty when it was or when the client left.
     */
    void transaction(SessionContext session, Transaction transaction, long size, String queueId, String result,
            String reason) {
        line(session.id, transactionText(session.client.getAddress().getHostAddress(), session.heloHost(),
                transaction.senderAddress(), transaction.recipients().stream().map(Mailbox::toString).toList(),
                size, queueId, result, transaction.elapsedMillis(), reason));
    }

    /**
     * The text of a transaction line: {@code tx client= helo= from=<> to=<> size= queue= result= ms=}, then
     * {@code stage=data reason=} when the message was refused. Public for the log's readers and their tests.
     */
    public static String transactionText(String client, String helo, String sender, List<String> recipients,
            long size, String queueId, String result, double millis, String reason) {
        return "tx client=" + client
                + " helo=" + clean(helo)
                + " from=<" + clean(sender) + ">"
                + " to=<" + clean(String.join(",", recipients)) + ">"
                + " size=" + size
                + " queue=" + queueId
                + " result=" + result
                + " ms=" + hundredths(millis)
                + (reason.isEmpty() ? "" : " stage=data reason=" + reason);
    }

    /** A command or a connection refused: one line the stats can count by stage and reason. */
    void refusal(SessionContext session, String stage, Reply reply, String reason) {
        line(session.id, refusalText(stage, session.client.getAddress().getHostAddress(),
                Integer.toString(reply.code()), reply.enhanced() == null ? "-" : reply.enhanced(), reason));
    }

    /** A plugin's {@code D}: the connection closed without a reply, {@code code=drop}. */
    void dropped(SessionContext session, String stage) {
        line(session.id, refusalText(stage, session.client.getAddress().getHostAddress(), "drop", "-", "plugin"));
    }

    /**
     * {@code refused stage=STAGE client=IP code=NNN status=X.Y.Z reason=WORD}: every value is the server's own
     * (a stage name, an address, the reply's codes, a word of {@link RefusalReason}), none the client's text.
     */
    public static String refusalText(String stage, String client, String code, String status, String reason) {
        return "refused stage=" + stage + " client=" + client + " code=" + code + " status=" + status
                + " reason=" + reason;
    }

    /**
     * {@code auth OUTCOME client=IP user=NAME mechanism=M}, the form fail2ban filters match (SMTP-AUTH page);
     * {@code mechanism} empty leaves it out. The user name is the client's: it comes before the mechanism.
     */
    public static String authText(String outcome, String client, String user, String mechanism) {
        return "auth " + outcome + " client=" + client + " user=" + clean(user)
                + (mechanism.isEmpty() ? "" : " mechanism=" + mechanism);
    }

    /** A line about a session, or about the server when {@code sessionId} is "-". */
    public void event(String sessionId, String text) {
        line(sessionId, clean(text));
    }

    private void line(String sessionId, String text) {
        String line = clock.instant() + " smtpd[" + sessionId + "] " + text;
        synchronized (out) {
            out.println(line);
        }
    }

    /** {@code millis} with two decimals, as {@code %.2f} would print it, without a formatter per line. */
    static String hundredths(double millis) {
        long hundredths = Math.round(millis * 100);
        long fraction = hundredths % 100;
        return hundredths / 100 + (fraction < 10 ? ".0" : ".") + fraction;
    }

    private static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    static String clean(String text) {
        if (!hasControl(text)) {
            return text;
        }
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f) {
                clean.append(String.format("\\x%02x", cp));
            } else {
                clean.appendCodePoint(cp);
            }
        });
        return clean.toString();
    }
}
