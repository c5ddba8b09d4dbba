package org.godshell.toaster.deliver;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.queue.LineEscape;

/**
 * The text form of {@link Progress} in {@code queue/info/<id>}, tagged lines as in the queue file:
 *
 * <pre>
 * V1
 * A3                                   attempts
 * N2026-11-26T10:00:00Z                next attempt
 * W                                    the delay warning was sent (absent otherwise)
 * P0                                   recipient 0 pending, never failed
 * P1 4.4.1 TAB text TAB mta TAB reply  recipient 1 pending, last temporary failure
 * D2                                   recipient 2 delivered
 * F3 5.1.1 TAB text TAB mta TAB reply  recipient 3 failed, bounce queued
 * </pre>
 *
 * One recipient line per envelope recipient, in order; the addresses themselves stay in the queue file, so a
 * state file can never redirect mail. Field values are escaped with {@link LineEscape}, which escapes TAB.
 */
final class ProgressCodec {

    private static final String VERSION = "V1";

    private ProgressCodec() {
    }

    static byte[] encode(Progress progress) {
        StringBuilder out = new StringBuilder(128);
        out.append(VERSION).append('\n');
        out.append('A').append(progress.attempts()).append('\n');
        out.append('N').append(progress.nextAttempt()).append('\n');
        if (progress.delayWarned()) {
            out.append("W\n");
        }
        List<Progress.Recipient> recipients = progress.recipients();
        for (int i = 0; i < recipients.size(); i++) {
            Progress.Recipient recipient = recipients.get(i);
            out.append(switch (recipient.status()) {
                case PENDING -> 'P';
                case DELIVERED -> 'D';
                case FAILED -> 'F';
            }).append(i);
            recipient.last().ifPresent(why -> {
                out.append(' ');
                LineEscape.append(out, why.status());
                for (String field : new String[] {why.text(), why.remoteMta(), why.smtpReply()}) {
                    out.append('\t');
                    LineEscape.append(out, field);
                }
            });
            out.append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a state file for a message whose envelope has {@code addresses}.
     *
     * @throws IllegalArgumentException with the reason when the text is not a valid state for them
     */
    static Progress decode(byte[] bytes, List<String> addresses) {
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        if (lines.length < 3 || !lines[0].equals(VERSION) || !lines[lines.length - 1].isEmpty()) {
            throw new IllegalArgumentException("not a V1 delivery state");
        }
        int attempts = -1;
        Instant next = null;
        boolean warned = false;
        List<Progress.Recipient> recipients = new ArrayList<>();
        for (int n = 1; n < lines.length - 1; n++) {
            String line = lines[n];
            if (line.isEmpty()) {
                throw new IllegalArgumentException("empty line " + (n + 1));
            }
            switch (line.charAt(0)) {
                case 'A' -> attempts = number(line.substring(1));
                case 'N' -> next = instant(line.substring(1));
                case 'W' -> warned = true;
                case 'P', 'D', 'F' -> recipients.add(recipient(line, recipients.size(), addresses));
                default -> throw new IllegalArgumentException("unknown tag on line " + (n + 1));
            }
        }
        if (attempts < 0 || next == null || recipients.size() != addresses.size()) {
            throw new IllegalArgumentException("incomplete state: attempts, next time or recipients missing");
        }
        return new Progress(attempts, next, warned, recipients);
    }

    private static Progress.Recipient recipient(String line, int expected, List<String> addresses) {
        int space = line.indexOf(' ');
        int index = number(line.substring(1, space < 0 ? line.length() : space));
        if (index != expected || index >= addresses.size()) {
            throw new IllegalArgumentException("recipient " + index + " out of order");
        }
        Optional<Diagnosis> last = Optional.empty();
        if (space >= 0) {
            String[] fields = line.substring(space + 1).split("\t", -1);
            if (fields.length != 4) {
                throw new IllegalArgumentException("recipient " + index + ": bad diagnosis");
            }
            last = Optional.of(new Diagnosis(LineEscape.unescape(fields[0], 0), LineEscape.unescape(fields[1], 0),
                    LineEscape.unescape(fields[2], 0), LineEscape.unescape(fields[3], 0)));
        }
        Progress.Status status = switch (line.charAt(0)) {
            case 'P' -> Progress.Status.PENDING;
            case 'D' -> Progress.Status.DELIVERED;
            default -> Progress.Status.FAILED;
        };
        return new Progress.Recipient(addresses.get(index), status, last);
    }

    private static int number(String text) {
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("bad number " + text);
        }
        return Integer.parseInt(text);
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("bad time " + text, e);
        }
    }
}
