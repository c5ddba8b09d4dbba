package org.godshell.toaster.logstats;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as pflogsumm lays it out: grand totals, then tables with the count right-aligned in front, the
 * top tens, and the day hour by hour. Text a client chose (addresses, HELO) is written as the log has it,
 * control characters already escaped.
 */
public final class TextReport {

    /** How many of each "top" list. */
    public static final int TOP = 10;

    private TextReport() {
    }

    public static String render(Tally tally) {
        StringBuilder out = new StringBuilder();
        out.append("toaster stats since ").append(tally.since).append('\n');
        out.append(tally.first == null ? "no events in the logs read\n"
                : "events from " + tally.first + " to " + tally.last + "\n");
        heading(out, "Grand totals");
        row(out, tally.received, "received (" + tally.receivedRecipients + " recipients, " + tally.receivedBytes
                + " bytes)");
        row(out, tally.deliveredLocal, "delivered locally");
        row(out, tally.deliveredRemote, "delivered remotely");
        if (tally.deliveredUnknown > 0) {
            row(out, tally.deliveredUnknown, "delivered (route not logged)");
        }
        row(out, tally.deferred, "deferred (attempts)");
        row(out, tally.bounced, "bounced (recipients given up on)");
        row(out, tally.refused.total(), "refused");
        row(out, tally.abandoned, "abandoned (no DATA)");
        row(out, tally.authFailures, "AUTH failures");
        table(out, "Refused, by stage and reason", tally.refused.all());
        table(out, "Top senders", tally.senders.top(TOP));
        table(out, "Top recipients", tally.recipients.top(TOP));
        table(out, "Top clients (messages received)", tally.clients.top(TOP));
        table(out, "AUTH failures, by client", tally.authFailuresByClient.top(TOP));
        table(out, "Plugin verdicts (plugin, section, verdict)", tally.verdicts.all());
        hours(out, tally.hours);
        heading(out, "Lines");
        row(out, tally.lines, "read");
        for (Skip why : Skip.values()) {
            row(out, tally.skipped.getOrDefault(why, 0L), "skipped: " + why.name().toLowerCase(Locale.ROOT));
        }
        row(out, tally.older, "before --since");
        row(out, tally.other, "other events");
        return out.toString();
    }

    private static void heading(StringBuilder out, String title) {
        out.append('\n').append(title).append('\n').append("-".repeat(title.length())).append('\n');
    }

    private static void row(StringBuilder out, long count, String what) {
        out.append(String.format(Locale.ROOT, "%9d   %s%n", count, what));
    }

    private static void table(StringBuilder out, String title, List<Map.Entry<String, Long>> entries) {
        heading(out, title);
        if (entries.isEmpty()) {
            out.append("     none\n");
        }
        for (Map.Entry<String, Long> entry : entries) {
            row(out, entry.getValue(), String.join(" ", Tally.parts(entry.getKey())));
        }
    }

    private static void hours(StringBuilder out, Hour[] hours) {
        heading(out, "Per hour");
        out.append(String.format(Locale.ROOT, "%-11s %9s %9s %9s %9s %9s%n", "hour", "received", "delivered",
                "deferred", "bounced", "refused"));
        for (int h = 0; h < hours.length; h++) {
            Hour hour = hours[h];
            out.append(String.format(Locale.ROOT, "%02d00-%02d00   %9d %9d %9d %9d %9d%n", h, h + 1, hour.received,
                    hour.delivered, hour.deferred, hour.bounced, hour.refused));
        }
    }
}
