package org.godshell.toaster.json;

/**
 * JSON strings as RFC 8259 §7 writes them, in ASCII only: quote, backslash and control characters escaped,
 * every other character outside ASCII written as {@code \\uXXXX} (a pair for a supplementary character), and a
 * lone surrogate, which no UTF-8 can carry, replaced by U+FFFD. A remote host's or client's text can therefore
 * never end a string early, break the output's encoding, or smuggle a line end into a mail header or a log.
 */
public final class JsonText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {
    }

    /** Appends {@code value} as a quoted JSON string. */
    public static void string(StringBuilder out, String value) {
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
        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
                .append(HEX[c & 0xf]);
    }
}
