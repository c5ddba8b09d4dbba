package org.godshell.toaster.site.output;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Commit dates as the site shows them: UTC always, so output does not depend on the building host. */
final class Dates {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private Dates() {
    }

    static String shown(Instant time) {
        return SHOWN.format(time);
    }

    /** RFC 3339 (Atom, RFC 4287 §3.3). */
    static String iso(Instant time) {
        return DateTimeFormatter.ISO_INSTANT.format(time.with(java.time.temporal.ChronoField.NANO_OF_SECOND, 0));
    }

    /** W3C date for sitemap lastmod. */
    static String day(Instant time) {
        return DAY.format(time);
    }
}
