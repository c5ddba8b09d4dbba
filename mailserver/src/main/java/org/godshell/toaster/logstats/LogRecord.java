package org.godshell.toaster.logstats;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One log line, read: when, which daemon ({@code smtpd}, {@code pop3d}), which session ({@code -} for the server
 * itself, as the lines write it), what kind, and its fields by the names the text lines give them. Names for
 * values a text line writes without a key: {@code outcome} (an AUTH's {@code ok}, {@code failed},
 * {@code refused}; a delivery's {@code delivered}, {@code deferred}, {@code failed}), {@code rcpt} and
 * {@code detail} (a delivery's recipient and text), {@code section} and {@code plugin} (a plugin line's
 * {@code [section]} and {@code file:line}), {@code notice} (what a bounce line says was queued).
 */
public record LogRecord(Instant time, String daemon, String session, Kind kind, Map<String, String> fields) {

    public LogRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(daemon, "daemon");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(kind, "kind");
        fields = Map.copyOf(fields);
    }

    public Optional<String> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /** The field, or {@code ""} when the line has none (an older line without an appended field). */
    public String get(String name) {
        return fields.getOrDefault(name, "");
    }
}
