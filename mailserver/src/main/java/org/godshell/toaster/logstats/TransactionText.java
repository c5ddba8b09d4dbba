package org.godshell.toaster.logstats;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.godshell.toaster.logstats.TextLineReader.Parsed;

/**
 * {@code client=IP helo=H from=<F> to=<T> size=N queue=Q result=R ms=M [stage=data reason=W]}. The HELO name
 * and the addresses are the client's; so the line is read from both ends: the server's fields off the right
 * (every token after the {@code >} that closes the recipients), then the recipients and the sender leftwards,
 * with their quoting ({@link Addresses}), then the client's address off the left; the HELO name is what is left,
 * so no {@code from=<} or {@code result=} it holds can be taken for a field.
 */
final class TransactionText {

    private static final Pattern TOKEN = Pattern.compile("([a-z]{1,20})=([^ ]+)");
    private static final Pattern HEAD = Pattern.compile("client=([0-9A-Fa-f:.]{2,45}) helo=(.*)");
    private static final String[] REQUIRED = {"size", "queue", "result", "ms"};

    private TransactionText() {
    }

    static Optional<Parsed> parse(String text) {
        Map<String, String> fields = new HashMap<>();
        int end = text.length();
        while (true) {
            int space = text.lastIndexOf(' ', end - 1);
            if (space < 0) {
                return Optional.empty();
            }
            String token = text.substring(space + 1, end);
            if (token.endsWith(">")) {
                break;
            }
            Matcher field = TOKEN.matcher(token);
            if (!field.matches()) {
                return Optional.empty();
            }
            fields.putIfAbsent(field.group(1), field.group(2));
            end = space;
        }
        for (String name : REQUIRED) {
            if (!fields.containsKey(name)) {
                return Optional.empty();
            }
        }
        int toOpen = Addresses.opening(text, end - 2, "to");
        if (toOpen < 0) {
            return Optional.empty();
        }
        fields.put("to", text.substring(toOpen + 1, end - 1));
        int fromClose = toOpen - " to=<".length();
        if (fromClose < 0 || text.charAt(fromClose) != '>') {
            return Optional.empty();
        }
        int fromOpen = Addresses.opening(text, fromClose - 1, "from");
        if (fromOpen < 0) {
            return Optional.empty();
        }
        fields.put("from", text.substring(fromOpen + 1, fromClose));
        Matcher head = HEAD.matcher(text.substring(0, fromOpen - " from=".length()));
        if (!head.matches()) {
            return Optional.empty();
        }
        fields.put("client", head.group(1));
        fields.put("helo", head.group(2));
        return Optional.of(new Parsed(Kind.TRANSACTION, fields));
    }
}
