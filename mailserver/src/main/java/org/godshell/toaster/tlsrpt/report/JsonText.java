package org.godshell.toaster.tlsrpt.report;

/**
 * JSON strings as RFC 8259 §7 writes them, in ASCII only: quote, backslash and control characters escaped,
 * every other character outside ASCII written as {@code \\uXXXX} (a pair for a supplementary character), and a
 * lone surrogate, which no UTF-8 can carry, replaced by U+FFFD. A remote host's text can therefore never end
 * a string early, break the report's encoding or smuggle a line end into a mail header.
 */
final class JsonText {

    private JsonText() {
    }

    static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                unicode(out, c);
                unicode(out, value.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                unicode(out, '\ufffd');
            } else {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20 || c >= 0x7f) {
                            unicode(out, c);
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
        }
        out.append('"');
    }

    private static void unicode(StringBuilder out, char c) {
        out.append(String.format("\\u%04x", (int) c));
    }
}
