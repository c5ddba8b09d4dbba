package org.godshell.toaster.queue;

/**
 * The strict check of a header field the server adds to a message (Authentication-Results, DKIM-Signature, a
 * filter's X-Spam-Status): one complete field, without its final line break, that cannot end the header block,
 * smuggle a second field or break a line limit, whoever composed it.
 *
 * <ul>
 *   <li>a field name of printable US-ASCII except {@code :} (RFC 5322 §2.2, §3.6.8), right before the colon;</li>
 *   <li>lines joined only by CRLF, each continuation starting with SP or HTAB (folding, RFC 5322 §2.2.3) and
 *       holding something besides white space (whitespace-only lines are obsolete syntax that must not be
 *       generated, RFC 5322 §4.2; some readers take them for the end of the header block);</li>
 *   <li>no bare CR or LF, no NUL, no other control character than HTAB, no DEL (§2.2: printable characters
 *       and WSP; UTF-8 is allowed as RFC 6532 §3.2 allows it in SMTPUTF8 messages);</li>
 *   <li>every line at most 998 octets in UTF-8 (RFC 5322 §2.1.1).</li>
 * </ul>
 */
final class FieldSyntax {

    /** RFC 5322 §2.1.1: each line must be no more than 998 characters, excluding the CRLF. */
    static final int MAX_LINE = 998;

    private FieldSyntax() {
    }

    /**
     * Checks {@code field}; returns its length in UTF-8 without a final CRLF.
     *
     * @throws IllegalArgumentException saying what is wrong, without echoing the value
     */
    static int check(String field) {
        int colon = nameEnd(field);
        int octets = colon + 1;
        int line = octets;
        boolean lineHasText = true;
        for (int i = colon + 1; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\r') {
                if (i + 1 >= field.length() || field.charAt(i + 1) != '\n') {
                    throw refuse("it holds a bare CR");
                }
                if (!lineHasText) {
                    throw refuse("a continuation line is white space only");
                }
                if (i + 2 >= field.length()) {
                    throw refuse("it ends with a line break (give the field without its final CRLF)");
                }
                char next = field.charAt(i + 2);
                if (next != ' ' && next != '\t') {
                    throw refuse("a line break is not followed by white space (that would start a second field)");
                }
                i++;
                octets += 2;
                line = 0;
                lineHasText = false;
                continue;
            }
            int width = width(field, i, c);
            if (width == 4) {
                i++;
            }
            octets += width;
            line += width;
            lineHasText |= c != ' ' && c != '\t';
            if (line > MAX_LINE) {
                throw refuse("a line is over " + MAX_LINE + " octets");
            }
        }
        if (!lineHasText) {
            throw refuse("a continuation line is white space only");
        }
        return octets;
    }

    /** Index of the colon after a valid field name. */
    private static int nameEnd(String field) {
        int colon = field.indexOf(':');
        if (field.isEmpty()) {
            throw refuse("it is empty");
        }
        if (colon <= 0) {
            throw refuse("it does not start with a field name and a colon");
        }
        if (colon > MAX_LINE) {
            throw refuse("a line is over " + MAX_LINE + " octets");
        }
        for (int i = 0; i < colon; i++) {
            char c = field.charAt(i);
            if (c < 33 || c > 126) {
                throw refuse("its name holds a character outside printable US-ASCII");
            }
        }
        return colon;
    }

    /** UTF-8 octets of the character at {@code i}; refuses controls other than HTAB, DEL and bad surrogates. */
    private static int width(String field, int i, char c) {
        if (c == '\n') {
            throw refuse("it holds a bare LF");
        }
        if (c == 0) {
            throw refuse("it holds a NUL");
        }
        if (c < 0x20 && c != '\t' || c == 0x7f) {
            throw refuse("it holds a control character");
        }
        if (c < 0x80) {
            return 1;
        }
        if (c < 0x800) {
            return 2;
        }
        if (!Character.isSurrogate(c)) {
            return 3;
        }
        if (Character.isHighSurrogate(c) && i + 1 < field.length() && Character.isLowSurrogate(field.charAt(i + 1))) {
            return 4;
        }
        throw refuse("it is not valid Unicode");
    }

    private static IllegalArgumentException refuse(String why) {
        return new IllegalArgumentException("header field to add refused: " + why);
    }
}
