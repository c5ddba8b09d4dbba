package org.godshell.toaster.filter.rspamd;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What rspamd said about a message: the fields of its {@code /checkv2} answer the toaster acts on
 * (rspamd.com/doc/developers/protocol.html, "Rspamd HTTP reply"). The rest (urls, emails, the milter block with
 * its header edits and DKIM signatures) is read past: the toaster writes its own headers and signs its own mail.
 *
 * @param score       the message's score
 * @param required    the score of the reject action ({@code required_score})
 * @param symbols     the rules that matched, the heaviest first
 * @param smtpMessage {@code messages.smtp_message}: the text rspamd means for the SMTP reply, printable ASCII
 */
public record RspamdVerdict(Action action, double score, double required, List<Symbol> symbols,
        Optional<String> smtpMessage) {

    /** Longest {@code smtp_message} kept: one SMTP reply line has room for the code and this (RFC 5321 §4.5.3.1.5). */
    static final int MAX_MESSAGE = 200;

    public RspamdVerdict {
        symbols = List.copyOf(symbols);
    }

    /**
     * rspamd's actions, by the words of its answer (with spaces, not underscores). {@code discard} and
     * {@code quarantine} are actions rspamd's configuration may add to the six it always has.
     */
    public enum Action {
        NO_ACTION("no action"), GREYLIST("greylist"), ADD_HEADER("add header"),
        REWRITE_SUBJECT("rewrite subject"), SOFT_REJECT("soft reject"), REJECT("reject"),
        DISCARD("discard"), QUARANTINE("quarantine");

        private final String word;

        Action(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }

        static Optional<Action> of(String word) {
            for (Action action : values()) {
                if (action.word.equals(word)) {
                    return Optional.of(action);
                }
            }
            return Optional.empty();
        }
    }

    /** A rule that matched and what it added to the score. */
    public record Symbol(String name, double score) {}

    /** Reads an answer; what is not a verdict (no action, an unknown one, a score that is not a number) fails. */
    static RspamdVerdict of(JsonValue answer) throws RspamdFailure {
        if (!(answer instanceof JsonValue.JsonObject object)) {
            throw new RspamdFailure("the answer is not a JSON object");
        }
        String word = string(object, "action").orElseThrow(() -> new RspamdFailure("the answer has no action"));
        Action action = Action.of(word).orElseThrow(() -> new RspamdFailure("the answer's action '"
                + printable(word, 40) + "' is not one the toaster knows"));
        double score = number(object, "score");
        double required = number(object, "required_score");
        Optional<String> message = object.get("messages")
                .flatMap(m -> m instanceof JsonValue.JsonObject messages ? string(messages, "smtp_message")
                        : Optional.empty())
                .map(text -> printable(text, MAX_MESSAGE).strip()).filter(text -> !text.isEmpty());
        return new RspamdVerdict(action, score, required, symbols(object), message);
    }

    private static Optional<String> string(JsonValue.JsonObject object, String name) {
        return object.get(name).flatMap(v -> v instanceof JsonValue.JsonString s ? Optional.of(s.value())
                : Optional.empty());
    }

    private static double number(JsonValue.JsonObject object, String name) throws RspamdFailure {
        if (object.get(name).orElse(null) instanceof JsonValue.JsonNumber n) {
            return n.value();
        }
        throw new RspamdFailure("the answer has no number " + name);
    }

    /** Each member of {@code symbols} with its score; a symbol without one counts 0. */
    private static List<Symbol> symbols(JsonValue.JsonObject answer) {
        List<Symbol> symbols = new ArrayList<>();
        if (answer.get("symbols").orElse(null) instanceof JsonValue.JsonObject all) {
            for (Map.Entry<String, JsonValue> entry : all.members().entrySet()) {
                double score = entry.getValue() instanceof JsonValue.JsonObject symbol
                        && symbol.get("score").orElse(null) instanceof JsonValue.JsonNumber n ? n.value() : 0;
                symbols.add(new Symbol(entry.getKey(), score));
            }
        }
        symbols.sort(Comparator.comparingDouble((Symbol s) -> -s.score()).thenComparing(Symbol::name));
        return symbols;
    }

    /**
     * Text from rspamd as it may go into a reply or a header: printable ASCII only (anything else becomes
     * {@code ?}), runs of spaces as one, at most {@code max} characters.
     */
    public static String printable(String text, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            char shown = c >= 0x20 && c < 0x7f ? c : (Character.isWhitespace(c) ? ' ' : '?');
            if (shown != ' ' || out.isEmpty() || out.charAt(out.length() - 1) != ' ') {
                out.append(shown);
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            }
        }
        return out.toString();
    }
}
