package org.godshell.toaster.filter.rspamd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON reader (RFC 8259) for rspamd's answers. The mail server carries no JSON library and one small
 * answer does not justify a dependency: this reads the whole grammar, and refuses, with the offset, what is not
 * JSON (trailing commas, single quotes, comments, control characters in strings, lone surrogate escapes, text
 * after the value), a repeated member name (§4 leaves its meaning open; an answer that says "action" twice is
 * not one to act on), a number beyond a double's range, and nesting deeper than {@link #MAX_DEPTH}, which
 * would otherwise let a hostile answer exhaust the stack. The size is bounded by the caller before it gets here.
 */
final class Json {

    /** rspamd nests four levels (answer, symbols, a symbol, its options); far more is hostile. */
    static final int MAX_DEPTH = 32;

    private final String text;
    private int at;

    private Json(String text) {
        this.text = text;
    }

    /** Why a text is not JSON, with the offset of the problem. */
    static final class Malformed extends Exception {

        @java.io.Serial
        private static final long serialVersionUID = 1L;

        Malformed(String reason) {
            super(reason);
        }
    }

    static JsonValue parse(String text) throws Malformed {
        Json json = new Json(text);
        JsonValue value = json.value(0);
        json.space();
        if (json.at != text.length()) {
            throw json.error("text after the value");
        }
        return value;
    }

    private JsonValue value(int depth) throws Malformed {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
        space();
        if (at >= text.length()) {
            throw error("a value is missing");
        }
        char c = text.charAt(at);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> new JsonValue.JsonString(string());
            case 't' -> literal("true", new JsonValue.JsonBoolean(true));
            case 'f' -> literal("false", new JsonValue.JsonBoolean(false));
            case 'n' -> literal("null", new JsonValue.JsonNull());
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("unexpected character");
            }
        };
    }

    private JsonValue object(int depth) throws Malformed {
        at++;
        Map<String, JsonValue> members = new LinkedHashMap<>();
        space();
        if (peek() == '}') {
            at++;
            return new JsonValue.JsonObject(members);
        }
        do {
            space();
            if (peek() != '"') {
                throw error("a member name must be a string");
            }
            String name = string();
            space();
            expect(':');
            if (members.put(name, value(depth + 1)) != null) {
                throw error("the member \"" + RspamdVerdict.printable(name, 40) + "\" appears twice");
            }
            space();
        } while (comma('}'));
        return new JsonValue.JsonObject(members);
    }

    private JsonValue array(int depth) throws Malformed {
        at++;
        List<JsonValue> elements = new ArrayList<>();
        space();
        if (peek() == ']') {
            at++;
            return new JsonValue.JsonArray(elements);
        }
        do {
            elements.add(value(depth + 1));
            space();
        } while (comma(']'));
        return new JsonValue.JsonArray(elements);
    }

    /** After a member or element: a comma (more follow) or the closing bracket (done). */
    private boolean comma(char close) throws Malformed {
        char c = peek();
        at++;
        if (c == ',') {
            return true;
        }
        if (c == close) {
            return false;
        }
        at--;
        throw error("expected ',' or '" + close + "'");
    }

    /** RFC 8259 §7: every escape; unescaped control characters and lone surrogates refused. */
    private String string() throws Malformed {
        at++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                throw error("a string is not closed");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                return wellFormed(out.toString());
            }
            if (c < 0x20) {
                throw error("a control character inside a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (at >= text.length()) {
                throw error("a string ends in the middle of an escape");
            }
            char e = text.charAt(at++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(hex4());
                default -> throw error("\\" + RspamdVerdict.printable(String.valueOf(e), 1) + " is not an escape");
            }
        }
    }

    /** Escaped surrogates ({@code \ud83d\ude00}) must pair up, as UTF-16 needs them to. */
    private String wellFormed(String s) throws Malformed {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw error("a lone surrogate in a string");
            }
        }
        return s;
    }

    private char hex4() throws Malformed {
        if (at + 4 > text.length() || !text.substring(at, at + 4).matches("[0-9A-Fa-f]{4}")) {
            throw error("\\u needs four hex digits");
        }
        char c = (char) Integer.parseInt(text.substring(at, at + 4), 16);
        at += 4;
        return c;
    }

    /** RFC 8259 §6: {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}. */
    private JsonValue number() throws Malformed {
        int start = at;
        if (peek() == '-') {
            at++;
        }
        if (peek() == '0') {
            at++;
        } else if (!digits()) {
            throw error("a number needs digits");
        }
        if (peek() == '.') {
            at++;
            if (!digits()) {
                throw error("a fraction needs digits");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            at++;
            if (peek() == '+' || peek() == '-') {
                at++;
            }
            if (!digits()) {
                throw error("an exponent needs digits");
            }
        }
        double value = Double.parseDouble(text.substring(start, at));
        if (Double.isInfinite(value)) {
            throw error("a number beyond a double's range");
        }
        return new JsonValue.JsonNumber(value);
    }

    private boolean digits() {
        int start = at;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        return at > start;
    }

    private JsonValue literal(String word, JsonValue value) throws Malformed {
        if (!text.startsWith(word, at)) {
            throw error("unexpected word");
        }
        at += word.length();
        return value;
    }

    /** RFC 8259 §2: space, tab, line feed and carriage return only. */
    private void space() {
        while (at < text.length() && " \t\n\r".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private char peek() {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private void expect(char c) throws Malformed {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        at++;
    }

    private Malformed error(String reason) {
        return new Malformed("not JSON at offset " + at + ": " + reason);
    }
}
