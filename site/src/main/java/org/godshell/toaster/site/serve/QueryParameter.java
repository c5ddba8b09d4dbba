package org.godshell.toaster.site.serve;


/**
 * One parameter of a request's raw query (RFC 3986 §3.4: {@code name=value} pairs joined by {@code &}), decoded
 * once and strictly: a percent escape must be two hex digits and the bytes UTF-8 in shortest form. {@code +} is
 * kept as a plus: it is common in a mail address's local part and no address holds a space. A parameter given
 * twice is refused rather than one of the two picked.
 */
public sealed interface QueryParameter {

    /** Longer queries are not from a mail client asking for its settings. */
    int MAX_QUERY = 2048;

    /** The parameter is not in the query. */
    record Absent() implements QueryParameter {
    }

    record Present(String value) implements QueryParameter {
    }

    /** Why the query cannot be read; our words, never the query's. */
    record Refused(String reason) implements QueryParameter {
    }

    static QueryParameter find(String rawQuery, String name) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return new Absent();
        }
        if (rawQuery.length() > MAX_QUERY) {
            return new Refused("query longer than " + MAX_QUERY);
        }
        QueryParameter found = new Absent();
        for (String pair : rawQuery.split("&", -1)) {
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (key == null) {
                return new Refused("bad percent escape or not UTF-8");
            }
            if (!key.equals(name)) {
                continue;
            }
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (value == null) {
                return new Refused("bad percent escape or not UTF-8");
            }
            if (found instanceof Present) {
                return new Refused(name + " given twice");
            }
            found = new Present(value);
        }
        return found;
    }

    /** The text, percent-decoded; null when an escape is broken, a raw character is not ASCII or not UTF-8. */
    private static String decode(String raw) {
        // Raw bytes beyond ASCII are not URI characters: RFC 3986 §2.1.
        return PercentDecoding.decode(raw, c -> c < 0x80) instanceof PercentDecoding.Text text ? text.value() : null;
    }
}
