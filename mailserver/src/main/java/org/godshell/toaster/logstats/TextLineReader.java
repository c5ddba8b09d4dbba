package org.godshell.toaster.logstats;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text lines of smtpd and pop3d: {@code TIME DAEMON[SESSION] TEXT}, as {@code TransactionLog} and
 * {@code Pop3Log} write them, the kind told by how {@code TEXT} starts (always the server's own words; what a
 * client said only ever comes later in a line). A line of a known kind whose fields do not parse is malformed.
 */
public final class TextLineReader implements LineReader {

    /** A session id as the daemons write it ({@code -} for the server itself). */
    static final String SESSION = "[A-Za-z0-9.-]{1,64}";
    private static final Pattern PREFIX = Pattern.compile("(\\S+) (smtpd|pop3d)\\[(" + SESSION + ")\\] (.+)");

    @Override
    public Result read(String line) {
        Matcher prefix = PREFIX.matcher(line);
        if (!prefix.matches()) {
            return new Skipped(Skip.MALFORMED);
        }
        Instant time;
        try {
            time = Instant.parse(prefix.group(1));
        } catch (DateTimeParseException e) {
            return new Skipped(Skip.MALFORMED);
        }
        String daemon = prefix.group(2);
        String text = prefix.group(4);
        Optional<Parsed> parsed = daemon.equals("smtpd") ? Events.smtpd(text) : Events.pop3d(text);
        return parsed.<Result>map(p -> new Read(new LogRecord(time, daemon, prefix.group(3), p.kind(), p.fields())))
                .orElse(new Skipped(Skip.MALFORMED));
    }

    /** A line's kind and fields; empty from a parser means a line of its kind that does not parse. */
    record Parsed(Kind kind, Map<String, String> fields) {
    }
}
