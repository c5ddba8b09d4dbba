package org.godshell.toaster.logline;

import java.util.Locale;
import java.util.Optional;

/** How a daemon writes its log lines: the text of today's logs, or one JSON object a line. */
public enum LogFormat {
    /** {@code TIME daemon[session] event key=value ...}: what admins, fail2ban and {@code toaster stats} read. */
    TEXT,
    /** {@code {"time":...,"daemon":...,"session":...,"event":...,"key":"value",...}}: for Loki or Elasticsearch. */
    JSON;

    /** The word of {@code control/logformat}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format a word names, exactly as {@link #word()} writes it. */
    public static Optional<LogFormat> of(String word) {
        for (LogFormat format : values()) {
            if (format.word().equals(word)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
