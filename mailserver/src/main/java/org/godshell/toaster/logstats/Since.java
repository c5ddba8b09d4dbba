package org.godshell.toaster.logstats;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --since}: a span back from now ({@code 1d}, {@code 12h}, {@code 30m}, at most ten years of it) or an
 * instant ({@code 2026-12-06T00:00:00Z}, ISO 8601 with its offset); events at that instant or later count.
 */
public final class Since {

    private static final Pattern SPAN = Pattern.compile("([0-9]{1,7})([dhm])");
    private static final Duration LONGEST = Duration.ofDays(3650);

    private Since() {
    }

    /** @throws IllegalArgumentException saying what is accepted, for a value that is neither */
    public static Instant parse(String value, Instant now) {
        Matcher span = SPAN.matcher(value);
        if (span.matches()) {
            long n = Long.parseLong(span.group(1));
            Duration back = switch (span.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofMinutes(n);
            };
            if (back.isZero() || back.compareTo(LONGEST) > 0) {
                throw new IllegalArgumentException("--since " + value + ": give from 1 minute to 3650 days");
            }
            return now.minus(back);
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--since takes a span such as 1d, 12h or 30m, or an instant such as "
                    + "2026-12-06T00:00:00Z, not " + printable(value));
        }
    }

    /** The value as an error may repeat it: at most 40 characters, control characters as {@code ?}. */
    private static String printable(String value) {
        String cut = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return cut.codePoints().map(c -> c < 0x20 || c == 0x7f ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
