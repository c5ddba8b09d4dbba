package org.godshell.toaster.site.serve;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Conditional GET and HEAD (RFC 9110 §13): whether a request's validators say the client's copy is current, so
 * that the answer is 304 Not Modified with no body.
 */
final class Conditional {

    /** RFC 9110 §5.6.7: the IMF-fixdate form every HTTP date is sent in. */
    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    /** If-None-Match lists longer than this are not looked at (and the full answer is sent). */
    static final int MAX_HEADER = 4096;

    private Conditional() {
    }

    /**
     * RFC 9110 §13.2.2: If-None-Match is evaluated first and, when present, If-Modified-Since is ignored; an
     * If-Modified-Since that is not a valid date is ignored (§13.1.3).
     */
    static boolean notModified(String ifNoneMatch, String ifModifiedSince, String etag, Instant lastModified) {
        if (ifNoneMatch != null) {
            return ifNoneMatch.length() <= MAX_HEADER && matches(ifNoneMatch, etag);
        }
        if (ifModifiedSince == null || ifModifiedSince.length() > 64) {
            return false;
        }
        try {
            Instant since = Instant.from(HTTP_DATE.parse(ifModifiedSince.strip()));
            return !lastModified.truncatedTo(ChronoUnit.SECONDS).isAfter(since);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** RFC 9110 §13.1.2: "*" matches any current representation; otherwise the weak comparison (§8.8.3.2). */
    static boolean matches(String ifNoneMatch, String etag) {
        String ours = opaque(etag);
        for (String candidate : ifNoneMatch.split(",", -1)) {
            String tag = candidate.strip();
            if (tag.equals("*") || opaque(tag).equals(ours) && !ours.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        String t = tag.startsWith("W/") ? tag.substring(2) : tag;
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t : "";
    }

    static String httpDate(Instant instant) {
        return HTTP_DATE.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
