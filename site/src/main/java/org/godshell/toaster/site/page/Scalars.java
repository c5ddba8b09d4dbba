package org.godshell.toaster.site.page;

import java.util.ArrayList;
import java.util.List;

/** The value forms front matter accepts: plain, "double quoted" (\" and \\ escapes), 'single quoted' ('' escape). */
final class Scalars {

    private Scalars() {
    }

    static String scalar(String value) {
        String result;
        if (value.startsWith("\"")) {
            result = doubleQuoted(value);
        } else if (value.startsWith("'")) {
            if (value.length() < 2 || !value.endsWith("'")) {
                throw new IllegalArgumentException("unterminated single-quoted string");
            }
            result = value.substring(1, value.length() - 1).replace("''", "'");
        } else {
            if (value.startsWith("[") || value.startsWith("{") || value.startsWith("&") || value.startsWith("*")
                    || value.startsWith("!") || value.startsWith("|") || value.startsWith(">")) {
                throw new IllegalArgumentException("only plain or quoted strings are allowed here, got '"
                        + shown(value) + "'");
            }
            int comment = value.indexOf(" #");
            result = (comment >= 0 ? value.substring(0, comment) : value).strip();
        }
        for (int i = 0; i < result.length(); i++) {
            char c = result.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("control character in a value");
            }
        }
        return result.strip();
    }

    private static String doubleQuoted(String value) {
        StringBuilder out = new StringBuilder();
        int i = 1;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '"') {
                if (!value.substring(i + 1).isBlank()) {
                    throw new IllegalArgumentException("text after a closing quote");
                }
                return out.toString();
            }
            if (c == '\\') {
                if (i + 1 >= value.length()) {
                    break;
                }
                char next = value.charAt(i + 1);
                if (next != '"' && next != '\\') {
                    throw new IllegalArgumentException("only \\\" and \\\\ escapes are allowed");
                }
                out.append(next);
                i += 2;
                continue;
            }
            out.append(c);
            i++;
        }
        throw new IllegalArgumentException("unterminated double-quoted string");
    }

    /** {@code [a, "b, c", 'd']}: items split at commas outside quotes. */
    static List<String> flowList(String value) {
        if (!value.startsWith("[") || !value.endsWith("]")) {
            return List.of(scalar(value));
        }
        String inner = value.substring(1, value.length() - 1);
        List<String> items = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"' && i + 1 < inner.length()) {
                    item.append(c).append(inner.charAt(++i));
                    continue;
                }
                if (c == quote) {
                    quote = 0;
                }
                item.append(c);
            } else if (c == '"' || c == '\'') {
                quote = c;
                item.append(c);
            } else if (c == ',') {
                items.add(item.toString().strip());
                item.setLength(0);
            } else if (c == '[' || c == ']' || c == '{' || c == '}') {
                throw new IllegalArgumentException("nested lists or maps are not allowed");
            } else {
                item.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unterminated quoted item");
        }
        if (!item.isEmpty() || !items.isEmpty()) {
            items.add(item.toString().strip());
        }
        List<String> parsed = new ArrayList<>();
        for (String raw : items) {
            if (raw.isEmpty()) {
                throw new IllegalArgumentException("empty list item");
            }
            parsed.add(scalar(raw));
        }
        return parsed;
    }

    /** A value for an error message: at most 40 characters, controls as '?'. */
    static String shown(String value) {
        String cut = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
