package org.godshell.toaster.logstats;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.godshell.toaster.logstats.JsonObjectLine.Number;
import org.godshell.toaster.logstats.JsonObjectLine.Text;
import org.godshell.toaster.logstats.JsonObjectLine.Value;
import org.godshell.toaster.logstats.TextLineReader.Parsed;

/**
 * A JSON line's event and members as the record the text line of the same event gives: the same field names
 * and values, each member of the type the daemon writes ({@code Field.Style}), so a line of a known event with a
 * member missing or of another type is malformed, as a text line cut short is. A member is taken by its name and
 * never read inside: a HELO name, an address or a user name that holds {@code result=250} or {@code "to":} is
 * that string and nothing else. Members the reader does not know (a field added later) are passed over. Only
 * the {@code msg} of a {@code message}, the server's own sentence, is read as the text reader reads it.
 */
final class JsonEvents {

    /** A value the text line writes as one token, such as a queue id or a reply code. */
    private static final Pattern TOKEN = Pattern.compile("[^ ]+");
    /** What {@code Field.number} writes, within the 18 digits the tally adds up. */
    private static final Pattern INTEGER = Pattern.compile("0|[1-9][0-9]{0,17}");
    /** What {@code Field.decimal} writes, such as the {@code ms} of a transaction. */
    private static final Pattern DECIMAL = Pattern.compile("(0|[1-9][0-9]{0,17})(\\.[0-9]{1,9})?");

    private JsonEvents() {
    }

    /** The kind and fields of {@code event}; empty when it is a known event whose members are not as written. */
    static Optional<Parsed> read(String daemon, String event, Map<String, Value> members) {
        Members m = new Members(members);
        if (event.equals("message")) {
            return m.text("msg") ? Events.sentence(daemon, m.fields.remove("msg")) : Optional.empty();
        }
        return switch (daemon + " " + event) {
            case "smtpd tx" -> m.client() && m.text("helo") && m.text("from") && m.text("to")
                    && m.number("size", INTEGER) && m.token("queue") && m.token("result") && m.number("ms", DECIMAL)
                    && m.tokenIfThere("stage") && m.tokenIfThere("reason") ? m.as(Kind.TRANSACTION) : Optional.empty();
            case "smtpd refused" -> m.token("stage") && m.client() && m.token("code") && m.token("status")
                    && m.token("reason") ? Events.words(m.fields) : Optional.empty();
            case "smtpd auth ok", "smtpd auth failed" -> m.login(event.substring("auth ".length()))
                    && m.token("mechanism") ? m.as(Kind.AUTH) : Optional.empty();
            case "smtpd auth refused by plugin" -> m.login("refused") ? m.as(Kind.AUTH) : Optional.empty();
            case "pop3d login ok" -> m.login("ok") && m.number("messages", INTEGER) && m.number("octets", INTEGER)
                    ? m.as(Kind.AUTH) : Optional.empty();
            case "pop3d login failed" -> m.login("failed") ? m.as(Kind.AUTH) : Optional.empty();
            default -> Optional.of(new Parsed(Kind.OTHER, Map.of()));
        };
    }

    /** The members of one line, copied into the record's fields one by one, each checked for its type. */
    private static final class Members {

        private final Map<String, Value> members;
        final Map<String, String> fields = new HashMap<>();

        Members(Map<String, Value> members) {
            this.members = members;
        }

        Optional<Parsed> as(Kind kind) {
            return Optional.of(new Parsed(kind, fields));
        }

        /** A string, whatever it holds: a client's HELO name, an address, a user name, a sentence. */
        boolean text(String name) {
            if (members.get(name) instanceof Text text) {
                fields.put(name, text.value());
                return true;
            }
            return false;
        }

        boolean token(String name) {
            return text(name) && TOKEN.matcher(fields.get(name)).matches();
        }

        /** A token when the member is there; a line from before it was added has none. */
        boolean tokenIfThere(String name) {
            return !members.containsKey(name) || token(name);
        }

        /** The client's address, which the server writes: never a name or anything a client typed. */
        boolean client() {
            return text("client") && Events.ADDRESS.matcher(fields.get("client")).matches();
        }

        /** {@code client} and {@code user} of a login, and its outcome, which the event's words give. */
        boolean login(String outcome) {
            fields.put("outcome", outcome);
            return client() && text("user");
        }

        boolean number(String name, Pattern form) {
            if (members.get(name) instanceof Number number && form.matcher(number.text()).matches()) {
                fields.put(name, number.text());
                return true;
            }
            return false;
        }
    }
}
