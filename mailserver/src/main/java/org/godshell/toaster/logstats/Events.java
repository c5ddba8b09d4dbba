package org.godshell.toaster.logstats;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.godshell.toaster.logstats.TextLineReader.Parsed;

/** The text after {@code DAEMON[SESSION]}, by kind; transactions are {@link TransactionText}'s. */
final class Events {

    static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern QUEUE_ID = Pattern.compile("[0-9a-z]{16}");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final List<String> STAGE_REASON = List.of("stage", "reason");
    private static final String REFUSAL_EVENT = "refused stage=";

    private Events() {
    }

    static Optional<Parsed> smtpd(String text) {
        if (text.startsWith("tx ")) {
            return TransactionText.parse(text.substring(3));
        }
        if (text.startsWith(REFUSAL_EVENT)) {
            return refusal(text);
        }
        if (text.startsWith("auth ok ") || text.startsWith("auth failed ")) {
            return login(text.substring(5), true);
        }
        if (text.startsWith("auth refused by plugin ")) {
            return login("refused " + text.substring("auth refused by plugin ".length()), false);
        }
        return sentence("smtpd", text);
    }

    static Optional<Parsed> pop3d(String text) {
        if (text.startsWith("login ok ") || text.startsWith("login failed ")) {
            Map<String, String> fields = new HashMap<>();
            String rest = text.substring(6);
            if (rest.startsWith("ok ")) {
                // The address is the user store's, not what the client typed; the counts are last.
                int end = Tail.take(rest, List.of("messages", "octets"), fields);
                if (end < 0) {
                    return Optional.empty();
                }
                rest = rest.substring(0, end);
            }
            return user(rest, fields);
        }
        return sentence("pop3d", text);
    }

    /**
     * The sentences a daemon writes for people (a {@code Line.Message}, the JSON format's {@code msg}) that
     * still count: a connection refused in its own words, a plugin's verdict, a delivery's outcome, a bounce.
     * The events ({@code tx}, {@code refused stage=}, {@code auth}, {@code login}) are never sentences, so a
     * sentence that reads like one is only counted as other.
     */
    static Optional<Parsed> sentence(String daemon, String text) {
        if (!daemon.equals("smtpd")) {
            return other();
        }
        if (text.startsWith("refused") && !text.startsWith(REFUSAL_EVENT)) {
            return connectionRefusal(text);
        }
        if (text.startsWith("spp [")) {
            return plugin(text.substring(5));
        }
        if (text.startsWith("delivery ")) {
            return delivery(text.substring(9));
        }
        return other();
    }

    private static Optional<Parsed> other() {
        return Optional.of(new Parsed(Kind.OTHER, Map.of()));
    }

    /** {@code ok|failed client=IP user=NAME mechanism=M} (smtpd) or {@code refused client=IP user=NAME}. */
    private static Optional<Parsed> login(String rest, boolean mechanism) {
        Map<String, String> fields = new HashMap<>();
        if (mechanism) {
            int end = Tail.take(rest, List.of("mechanism"), fields);
            if (end < 0) {
                return Optional.empty();
            }
            rest = rest.substring(0, end);
        }
        return user(rest, fields);
    }

    /** {@code OUTCOME client=IP user=NAME}: the name, any text a client sent, runs to the end. */
    private static Optional<Parsed> user(String rest, Map<String, String> fields) {
        int space = rest.indexOf(' ');
        if (space < 0 || !rest.startsWith(" client=", space)) {
            return Optional.empty();
        }
        int user = rest.indexOf(" user=", space + 8);
        if (user < 0 || !ADDRESS.matcher(rest.substring(space + 8, user)).matches()) {
            return Optional.empty();
        }
        fields.put("outcome", rest.substring(0, space));
        fields.put("client", rest.substring(space + 8, user));
        fields.put("user", rest.substring(user + 6));
        return Optional.of(new Parsed(Kind.AUTH, fields));
    }

    /** {@code refused stage=S client=IP code=C status=X reason=R}: every value the server's own. */
    private static Optional<Parsed> refusal(String text) {
        Map<String, String> fields = new HashMap<>();
        int end = Tail.take(text, List.of("stage", "client", "code", "status", "reason"), fields);
        if (end != "refused".length() || !ADDRESS.matcher(fields.get("client")).matches()) {
            return Optional.empty();
        }
        return words(fields);
    }

    /**
     * A connection refusal in its sentence ({@code refused IP by RULE}, {@code refused IP: too many connections},
     * {@code refused: WHY}) with {@code stage=} and {@code reason=} appended; lines from before that count as
     * {@code connect}, {@code other}.
     */
    private static Optional<Parsed> connectionRefusal(String text) {
        Map<String, String> fields = new HashMap<>();
        int end = Tail.takeIfThere(text, STAGE_REASON, fields);
        fields.putIfAbsent("stage", "connect");
        fields.putIfAbsent("reason", "other");
        String head = text.substring(0, end);
        if (head.startsWith("refused ")) {
            String first = head.substring(8).split("[ :]", 2)[0];
            if (ADDRESS.matcher(first).matches()) {
                fields.put("client", first);
            }
        }
        return words(fields);
    }

    /** A refusal whose stage and reason are words of the server's, as the report counts them. */
    static Optional<Parsed> words(Map<String, String> fields) {
        if (!WORD.matcher(fields.get("stage")).matches() || !WORD.matcher(fields.get("reason")).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(Kind.REFUSAL, fields));
    }

    /** {@code SECTION] SOURCE exit=N us=N out=TEXT verdict=WORD}; lines from before verdict= have none. */
    private static Optional<Parsed> plugin(String rest) {
        int bracket = rest.indexOf("] ");
        int exit = rest.indexOf(" exit=", bracket + 1);
        if (bracket < 1 || exit < 0) {
            return Optional.empty();
        }
        Map<String, String> fields = new HashMap<>();
        fields.put("section", rest.substring(0, bracket));
        fields.put("plugin", rest.substring(bracket + 2, exit));
        String numbers = rest.substring(exit);
        int out = numbers.indexOf(" out=");
        if (out < 0) {
            return Optional.empty();
        }
        String tail = numbers.substring(out + 5);
        int end = Tail.takeIfThere(tail, List.of("verdict"), fields);
        fields.put("out", tail.substring(0, end));
        if (Tail.take(numbers.substring(0, out), List.of("exit", "us"), fields) != 0) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(Kind.PLUGIN, fields));
    }

    /** {@code ID: RECIPIENT delivered|deferred|failed: TEXT route=R}, or {@code ID: NOTICE failed=N}. */
    private static Optional<Parsed> delivery(String rest) {
        int colon = rest.indexOf(": ");
        if (colon < 0 || !QUEUE_ID.matcher(rest.substring(0, colon)).matches()) {
            return other();
        }
        Map<String, String> fields = new HashMap<>();
        fields.put("queue", rest.substring(0, colon));
        String what = rest.substring(colon + 2);
        if (what.startsWith("bounce to <") || what.startsWith("no bounce: ")) {
            int end = Tail.take(what, List.of("failed"), fields);
            if (end < 0 || !fields.get("failed").matches("\\d{1,9}")) {
                return other();                                       // a line from before failed=
            }
            fields.put("notice", what.substring(0, end));
            return Optional.of(new Parsed(Kind.BOUNCE, fields));
        }
        int end = Addresses.end(what, 0);
        if (end <= 0 || end == what.length()) {
            return other();
        }
        String after = what.substring(end + 1);
        for (String outcome : List.of("delivered", "deferred", "failed")) {
            if (after.startsWith(outcome + ": ")) {
                String detail = after.substring(outcome.length() + 2);
                int detailEnd = Tail.takeIfThere(detail, List.of("route"), fields);
                fields.put("rcpt", what.substring(0, end));
                fields.put("outcome", outcome);
                fields.put("detail", detail.substring(0, detailEnd));
                return Optional.of(new Parsed(Kind.DELIVERY, fields));
            }
        }
        return other();
    }
}
