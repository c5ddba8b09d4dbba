package org.godshell.toaster.queue;

/**
 * The escaping of every value the queue and the delivery side write one per line: UTF-8 text with {@code %},
 * every C0 control (CR, LF, NUL, TAB, …) and DEL written as {@code %XX} (upper-case hex). A hostile value can
 * therefore neither end its line, nor forge another line, nor hide a field separator (TAB), and it reads back
 * exactly.
 */
public final class LineEscape {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private LineEscape() {
    }

    /**
     * Appends {@code value} escaped to {@code out}.
     *
     * @throws IllegalArgumentException if {@code value} is not valid Unicode (an unpaired surrogate cannot be
     *                                  stored as UTF-8 and read back identically)
     */
    public static void append(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '%') {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                out.append(c).append(value.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("value is not valid Unicode");
            } else {
                out.append(c);
            }
        }
    }

    /**
     * Undoes {@link #append} for {@code text} from index {@code from}.
     *
     * @throws IllegalArgumentException on a {@code %} not followed by two hex digits
     */
    public static String unescape(String text, int from) {
        if (text.indexOf('%', from) < 0) {
            return text.substring(from);
        }
        StringBuilder out = new StringBuilder(text.length() - from);
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(text.charAt(i + 2), 16) : -1;
            if (lo < 0) {
                throw new IllegalArgumentException("bad %-escape");
            }
            out.append((char) (hi << 4 | lo));
            i += 2;
        }
        return out.toString();
    }
}
