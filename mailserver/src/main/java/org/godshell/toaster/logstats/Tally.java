package org.godshell.toaster.logstats;

import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Adds up the records of a log from {@code since} on, in any order (the files of a rotated log, the journal of
 * two units): what the report gives is sums and counts, so the order of lines never changes it. Not thread-safe.
 */
public final class Tally {

    private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");

    final Instant since;
    final ZoneId zone;
    long received;
    long receivedBytes;
    long receivedRecipients;
    long abandoned;
    long deliveredLocal;
    long deliveredRemote;
    long deliveredUnknown;
    long deferred;
    long bounced;
    long authFailures;
    long lines;
    long older;
    long other;
    final Counts refused = new Counts();
    final Counts senders = new Counts();
    final Counts recipients = new Counts();
    final Counts clients = new Counts();
    final Counts authFailuresByClient = new Counts();
    final Counts verdicts = new Counts();
    final Map<Skip, Long> skipped = new EnumMap<>(Skip.class);
    final Hour[] hours = new Hour[24];
    Instant first;
    Instant last;

    /** {@code zone}: the hours of the per-hour table are this zone's (the host's, for the admin reading them). */
    public Tally(Instant since, ZoneId zone) {
        this.since = since;
        this.zone = zone;
        for (int h = 0; h < hours.length; h++) {
            hours[h] = new Hour();
        }
    }

    /** Where {@link LogInput} sends its lines: each read by {@code reader} into the tally, or counted as skipped. */
    public LogInput.Sink sink(LineReader reader) {
        return new LogInput.Sink() {
            @Override
            public void line(String text) {
                switch (reader.read(text)) {
                    case LineReader.Read read -> add(read.record());
                    case LineReader.Skipped skipped -> skip(skipped.why());
                }
            }

            @Override
            public void skipped(Skip why) {
                skip(why);
            }
        };
    }

    public void skip(Skip why) {
        lines++;
        skipped.merge(why, 1L, Long::sum);
    }

    public void add(LogRecord record) {
        lines++;
        if (record.time().isBefore(since)) {
            older++;
            return;
        }
        first = first == null || record.time().isBefore(first) ? record.time() : first;
        last = last == null || record.time().isAfter(last) ? record.time() : last;
        Hour hour = hours[record.time().atZone(zone).getHour()];
        switch (record.kind()) {
            case TRANSACTION -> transaction(record, hour);
            case REFUSAL -> {
                refused.add(key(record.get("stage"), record.get("reason")));
                hour.refused++;
            }
            case AUTH -> {
                if (record.get("outcome").equals("failed")) {
                    authFailures++;
                    authFailuresByClient.add(record.get("client"));
                }
            }
            case PLUGIN -> verdicts.add(key(record.get("plugin"), record.get("section"),
                    record.get("verdict").isEmpty() ? "-" : record.get("verdict")));
            case DELIVERY -> delivery(record, hour);
            case BOUNCE -> {
                long n = number(record.get("failed"));
                bounced += n;
                hour.bounced += n;
            }
            case OTHER -> other++;
        }
    }

    private void transaction(LogRecord record, Hour hour) {
        String result = record.get("result");
        if (result.equals("abandoned")) {
            abandoned++;
        } else if (result.startsWith("2")) {
            received++;
            hour.received++;
            receivedBytes += number(record.get("size"));
            senders.add("<" + record.get("from") + ">");
            clients.add(record.get("client"));
            for (String rcpt : Addresses.split(record.get("to"))) {
                receivedRecipients++;
                recipients.add(rcpt);
            }
        } else {
            String reason = record.get("reason");
            refused.add(key("data", reason.isEmpty() ? "other" : reason));
            hour.refused++;
        }
    }

    private void delivery(LogRecord record, Hour hour) {
        switch (record.get("outcome")) {
            case "delivered" -> {
                switch (record.get("route")) {
                    case "local" -> deliveredLocal++;
                    case "remote" -> deliveredRemote++;
                    default -> deliveredUnknown++;
                }
                hour.delivered++;
            }
            case "deferred" -> {
                deferred++;
                hour.deferred++;
            }
            default -> {
                // failed: counted with its bounce line's failed=N, which also counts recipients out of time
            }
        }
    }

    /**
     * A key of several parts, joined by NUL, which no line read holds ({@link LogInput}): split again with
     * {@link #parts}, and ordered part by part.
     */
    static String key(String... parts) {
        return String.join("\0", parts);
    }

    static String[] parts(String key) {
        return key.split("\0", -1);
    }

    private static long number(String value) {
        return DIGITS.matcher(value).matches() ? Long.parseLong(value) : 0;
    }
}
