package org.godshell.toaster.smtpd;

import java.io.PrintStream;
import java.time.Instant;
import java.util.stream.Collectors;
import org.godshell.toaster.smtp.Mailbox;

/**
 * The server's log: one line per transaction (client, HELO, sender, recipients, size, queue id, result, time)
 * and one per notable connection event, each prefixed by time and session id so a session can be followed.
 *
 * <p>Client-supplied text is written with control characters escaped, so a client cannot forge log lines.
 */
public final class TransactionLog {

    private final PrintStream out;

    public TransactionLog(PrintStream out) {
        this.out = out;
    }

    /** {@code result} is the reply code given to DATA, or a word such as "abandoned". */
    void transaction(SessionContext session, Transaction transaction, long size, String queueId, String result) {
        String recipients = transaction.recipients().stream().map(Mailbox::toString)
                .collect(Collectors.joining(","));
        line(session.id, "tx client=" + session.client.getAddress().getHostAddress()
                + " helo=" + clean(session.heloHost())
                + " from=<" + clean(transaction.senderAddress()) + ">"
                + " to=<" + clean(recipients) + ">"
                + " size=" + size
                + " queue=" + queueId
                + " result=" + result
                + " ms=" + hundredths(transaction.elapsedMillis()));
    }

    /** A line about a session, or about the server when {@code sessionId} is "-". */
    public void event(String sessionId, String text) {
        line(sessionId, clean(text));
    }

    private void line(String sessionId, String text) {
        String line = Instant.now() + " smtpd[" + sessionId + "] " + text;
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
