package org.godshell.toaster.scan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON shape testssl.sh's {@code --jsonfile} writes: an array of objects whose values are all strings
 * (RFC 8259, §2 whitespace, §7 strings with every escape). Anything else (a number, a nested value, a repeated
 * key, text after the array, a lone surrogate escape) is refused with the offset, so that a changed or damaged
 * file fails the test instead of being half read.
 */
final class FlatJson {

    /** Far beyond what a scan writes (a few hundred findings), so that a runaway file cannot exhaust the heap. */
    static final int MAX_CHARS = 8 << 20;

    private final String text;
    private int at;

    private FlatJson(String text) {
        this.text = text;
    }

    static List<Map<String, String>> parse(String text) {
        if (text.length() > MAX_CHARS) {
            throw new IllegalArgumentException("over " + MAX_CHARS + " characters of JSON");
        }
        FlatJson json = new FlatJson(text);
        List<Map<String, String>> objects = json.array();
        json.space();
        if (json.at != text.length()) {
            throw json.error("text after the array");
        }
        return objects;
    }

    private List<Map<String, String>> array() {
        expect('[');
        List<Map<String, String>> objects = new ArrayList<>();
        if (peek() == ']') {
            at++;
            return objects;
        }
        do {
            objects.add(object());
        } while (comma(']'));
        return objects;
    }

    private Map<String, String> object() {
        expect('{');
        Map<String, String> members = new LinkedHashMap<>();
        if (peek() == '}') {
            at++;
            return members;
        }
        do {
            space();
            int keyAt = at;
            String key = string();
            expect(':');
            space();
            if (members.put(key, string()) != null) {
                at = keyAt;
                throw error("the key \"" + key + "\" twice");
            }
        } while (comma('}'));
        return members;
    }

    /** After a value: true for a comma (another value follows), false for {@code close}. */
    private boolean comma(char close) {
        char next = peek();
        at++;
        if (next == ',') {
            return true;
        }
        if (next == close) {
            return false;
        }
        at--;
        throw error("expected ',' or '" + close + "'");
    }

    private String string() {
        if (at >= text.length() || text.charAt(at) != '"') {
            throw error("expected a string");
        }
        at++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                return value.toString();
            }
            if (c < 0x20) {
                at--;
                throw error("a control character in a string");
            }
            value.append(c == '\\' ? escape() : c);
        }
    }

    private char escape() {
        if (at >= text.length()) {
            throw error("unterminated escape");
        }
        char c = text.charAt(at++);
        return switch (c) {
            case '"', '\\', '/' -> c;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> unicode();
            default -> {
                at--;
                throw error("the escape \\" + c);
            }
        };
    }

    private char unicode() {
        if (at + 4 > text.length() || !text.substring(at, at + 4).matches("[0-9A-Fa-f]{4}")) {
            throw error("\\u without four hex digits");
        }
        char c = (char) Integer.parseInt(text.substring(at, at + 4), 16);
        at += 4;
        if (Character.isSurrogate(c)) {
            throw error("a surrogate escape (testssl.sh writes none)");
        }
        return c;
    }

    private char peek() {
        space();
        if (at >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(at);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        at++;
    }

    private void space() {
        while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("JSON at offset " + at + ": " + what);
    }
}
