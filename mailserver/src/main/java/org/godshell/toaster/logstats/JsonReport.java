package org.godshell.toaster.logstats;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as one JSON object (RFC 8259), the same numbers as {@link TextReport} under the names it gives
 * them, for scripts and dashboards. Strings are escaped to ASCII, so no value can end one early.
 */
public final class JsonReport {

    private JsonReport() {
    }

    public static String render(Tally tally) {
        StringBuilder out = new StringBuilder("{");
        field(out, "since", tally.since.toString());
        field(out, "first", tally.first == null ? null : tally.first.toString());
        field(out, "last", tally.last == null ? null : tally.last.toString());
        number(out, "received", tally.received);
        number(out, "received_recipients", tally.receivedRecipients);
        number(out, "received_bytes", tally.receivedBytes);
        out.append("\"delivered\":{");
        number(out, "local", tally.deliveredLocal);
        number(out, "remote", tally.deliveredRemote);
        number(out, "unknown", tally.deliveredUnknown);
        close(out, '}');
        number(out, "deferred", tally.deferred);
        number(out, "bounced", tally.bounced);
        number(out, "refused", tally.refused.total());
        number(out, "abandoned", tally.abandoned);
        number(out, "auth_failures", tally.authFailures);
        list(out, "refused_by", tally.refused.all(), "stage", "reason");
        list(out, "top_senders", tally.senders.top(TextReport.TOP), "address");
        list(out, "top_recipients", tally.recipients.top(TextReport.TOP), "address");
        list(out, "top_clients", tally.clients.top(TextReport.TOP), "client");
        list(out, "auth_failures_by_client", tally.authFailuresByClient.top(TextReport.TOP), "client");
        list(out, "plugin_verdicts", tally.verdicts.all(), "plugin", "section", "verdict");
        out.append("\"per_hour\":[");
        for (int h = 0; h < tally.hours.length; h++) {
            Hour hour = tally.hours[h];
            out.append('{');
            number(out, "hour", h);
            number(out, "received", hour.received);
            number(out, "delivered", hour.delivered);
            number(out, "deferred", hour.deferred);
            number(out, "bounced", hour.bounced);
            number(out, "refused", hour.refused);
            close(out, '}');
        }
        close(out, ']');
        out.append("\"lines\":{");
        number(out, "read", tally.lines);
        for (Skip why : Skip.values()) {
            number(out, why.name().toLowerCase(Locale.ROOT), tally.skipped.getOrDefault(why, 0L));
        }
        number(out, "before_since", tally.older);
        number(out, "other", tally.other);
        close(out, '}');
        close(out, '}');
        out.setLength(out.length() - 1);
        return out.toString();
    }

    private static void list(StringBuilder out, String name, List<Map.Entry<String, Long>> entries,
            String... keys) {
        out.append('"').append(name).append("\":[");
        for (Map.Entry<String, Long> entry : entries) {
            String[] parts = Tally.parts(entry.getKey());
            out.append('{');
            for (int i = 0; i < keys.length; i++) {
                field(out, keys[i], i < parts.length ? parts[i] : "");
            }
            number(out, "count", entry.getValue());
            close(out, '}');
        }
        close(out, ']');
    }

    /** Ends an object or array, dropping the comma after its last member. */
    private static void close(StringBuilder out, char bracket) {
        if (out.charAt(out.length() - 1) == ',') {
            out.setLength(out.length() - 1);
        }
        out.append(bracket).append(',');
    }

    private static void number(StringBuilder out, String name, long value) {
        out.append('"').append(name).append("\":").append(value).append(',');
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append('"').append(name).append("\":");
        if (value == null) {
            out.append("null");
        } else {
            string(out, value);
        }
        out.append(',');
    }

    /** RFC 8259 §7, ASCII only: a lone surrogate (no UTF-8 carries one) becomes U+FFFD. */
    static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                out.append(String.format("\\u%04x\\u%04x", (int) c, (int) value.charAt(++i)));
            } else {
                out.append(String.format("\\u%04x", Character.isSurrogate(c) ? 0xfffd : (int) c));
            }
        }
        out.append('"');
    }
}
