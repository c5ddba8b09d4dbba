package org.godshell.toaster.logstats;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.godshell.toaster.logstats.JsonObjectLine.Text;
import org.godshell.toaster.logstats.JsonObjectLine.Value;
import org.godshell.toaster.logstats.TextLineReader.Parsed;

/**
 * The JSON lines of smtpd and pop3d ({@code control/logformat} {@code json}): one object a line, {@code time},
 * {@code daemon}, {@code session} and {@code event} strings, then the text line's fields as members of the same
 * names ({@link JsonEvents}), read into the record the text line of the same event gives. A line that is not one
 * flat JSON object ({@link JsonObjectLine}), or not of smtpd or pop3d, is malformed; one longer than
 * {@link LogInput#MAX_LINE} is oversized, as {@link LogInput} says of any line.
 */
public final class JsonLineReader implements LineReader {

    private static final Pattern SESSION = Pattern.compile(TextLineReader.SESSION);

    @Override
    public Result read(String line) {
        if (line.length() > LogInput.MAX_LINE) {
            return new Skipped(Skip.OVERSIZED);
        }
        Optional<Map<String, Value>> parsed = JsonObjectLine.parse(line);
        if (parsed.isEmpty()) {
            return new Skipped(Skip.MALFORMED);
        }
        Map<String, Value> members = parsed.get();
        if (!(members.get("time") instanceof Text time) || !(members.get("daemon") instanceof Text daemon)
                || !(members.get("session") instanceof Text session) || !(members.get("event") instanceof Text event)
                || !(daemon.value().equals("smtpd") || daemon.value().equals("pop3d"))
                || !SESSION.matcher(session.value()).matches()) {
            return new Skipped(Skip.MALFORMED);
        }
        Instant instant;
        try {
            instant = Instant.parse(time.value());
        } catch (DateTimeParseException e) {
            return new Skipped(Skip.MALFORMED);
        }
        Optional<Parsed> read = JsonEvents.read(daemon.value(), event.value(), members);
        return read.<Result>map(p -> new Read(new LogRecord(instant, daemon.value(), session.value(), p.kind(),
                p.fields()))).orElse(new Skipped(Skip.MALFORMED));
    }
}
