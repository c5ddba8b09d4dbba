package org.godshell.toaster.logstats;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The text report as a plain-text message (RFC 5322) for {@code toaster stats --mail}: CRLF lines, each cut to
 * {@link #MAX_LINE} characters so that no line of UTF-8 passes the 998-octet limit (§2.1.1) whatever the log
 * held, {@code Auto-Submitted: auto-generated} (RFC 3834) so that responders keep quiet, and UTF-8 declared as
 * 8bit only when the report has any.
 */
public final class ReportMail {

    /** Characters per body line: at most 4 octets each in UTF-8, under 998. */
    static final int MAX_LINE = 240;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private ReportMail() {
    }

    /**
     * @param me     this host ({@code control/me}), for From and the Message-ID
     * @param to     the recipient, as the RFC 5321 parser printed it
     * @param unique what makes the Message-ID unique (random, in use)
     */
    public static byte[] write(String me, String to, Instant now, Instant since, String unique, String report) {
        StringBuilder out = new StringBuilder(report.length() + 512);
        boolean ascii = report.chars().allMatch(c -> c < 0x80);
        line(out, "From: toaster stats <postmaster@" + me + ">");
        line(out, "To: <" + to + ">");
        line(out, "Date: " + DATE.format(now));
        line(out, "Subject: toaster stats for " + me + " since " + since);
        line(out, "Message-ID: <stats." + now.toEpochMilli() + "." + unique + "@" + me + ">");
        line(out, "Auto-Submitted: auto-generated");
        line(out, "MIME-Version: 1.0");
        line(out, "Content-Type: text/plain; charset=" + (ascii ? "us-ascii" : "utf-8"));
        line(out, "Content-Transfer-Encoding: " + (ascii ? "7bit" : "8bit"));
        line(out, "");
        report.lines().forEach(text -> line(out, cut(text)));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String cut(String text) {
        if (text.codePointCount(0, text.length()) <= MAX_LINE) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX_LINE)) + "...";
    }

    private static void line(StringBuilder out, String text) {
        out.append(text).append("\r\n");
    }
}
