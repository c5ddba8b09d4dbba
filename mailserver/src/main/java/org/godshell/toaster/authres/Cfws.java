package org.godshell.toaster.authres;

import java.util.Optional;

/**
 * The little of RFC 5322 §3.2 and RFC 2045 §5.1 needed to read an authserv-id out of an unfolded header value:
 * comments and white space to skip, then a token or a quoted-string. A loop with a depth counter, not
 * recursion, so no nesting of comments can exhaust the stack.
 */
final class Cfws {

    /** RFC 2045 tspecials: they end a token. */
    private static final String TSPECIALS = "()<>@,;:\\\"/[]?=";

    private Cfws() {
    }

    /**
     * The index after the white space and comments at {@code i}; the value's length when a comment is never
     * closed (nothing after it can be read).
     */
    static int skip(String value, int i) {
        int depth = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (depth > 0 && c == '\\') {
                i += 2; // quoted-pair inside a comment
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0 && c != ' ' && c != '\t') {
                return i;
            }
            i++;
        }
        return value.length();
    }

    /** The token at {@code i}: printable ASCII up to white space, a control or a tspecial. */
    static Optional<String> token(String value, int i) {
        int end = i;
        while (end < value.length()) {
            char c = value.charAt(end);
            if (c <= ' ' || c >= 0x7f || TSPECIALS.indexOf(c) >= 0) {
                break;
            }
            end++;
        }
        return end > i ? Optional.of(value.substring(i, end)) : Optional.empty();
    }

    /** The quoted-string at {@code i} (which holds {@code "}), unquoted; empty when it is never closed. */
    static Optional<String> quotedString(String value, int i) {
        StringBuilder text = new StringBuilder();
        for (int j = i + 1; j < value.length(); j++) {
            char c = value.charAt(j);
            if (c == '"') {
                return Optional.of(text.toString());
            }
            if (c == '\\' && j + 1 < value.length()) {
                j++;
                c = value.charAt(j);
            }
            text.append(c);
        }
        return Optional.empty();
    }
}
