package org.godshell.toaster.logstats;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.godshell.toaster.logline.LogFormat;
import org.godshell.toaster.pop3.Pop3Log;
import org.godshell.toaster.smtp.Mailbox;
import org.godshell.toaster.smtp.PathException;
import org.godshell.toaster.smtp.PathParser;
import org.godshell.toaster.smtpd.TransactionLog;

/**
 * A log written by the real log classes, smtpd's and pop3d's, on a clock the test moves, in either format: what
 * the tests read is what the daemons write, so a change of format breaks them.
 */
final class Lines {

    /** A clock the test sets. */
    static final class SetClock extends Clock {
        Instant now;

        SetClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    final SetClock clock;
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final TransactionLog smtpd;
    final Pop3Log pop3d;

    Lines(Instant start) {
        this(start, LogFormat.TEXT);
    }

    /** The daemons' lines in {@code format}, as {@code control/logformat} chooses it. */
    Lines(Instant start, LogFormat format) {
        clock = new SetClock(start);
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        smtpd = new TransactionLog(out, format, clock);
        pop3d = new Pop3Log(out, format, clock);
    }

    /** An address as the server writes it, parsed by the server's own RFC 5321 parser. */
    static String address(String path) {
        try {
            return PathParser.parseRcpt("TO:<" + path + ">", true).recipient().toString();
        } catch (PathException e) {
            throw new IllegalArgumentException(path, e);
        }
    }

    static String mailbox(Mailbox mailbox) {
        return mailbox.toString();
    }

    void tx(String session, String client, String helo, String from, List<String> to, String result,
            String reason) {
        smtpd.event(session, TransactionLog.transaction(client, helo, from, to, 1000, result.startsWith("2")
                ? "0gk2vs1a3b000000" : "-", result, 1.5, reason));
    }

    String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    List<String> list() {
        return text().lines().toList();
    }
}
