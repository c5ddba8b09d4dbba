package org.godshell.toaster.authres;

import java.util.regex.Pattern;

/**
 * How words reach an Authentication-Results field (RFC 8601 §2.2): keywords checked, values written as a MIME
 * token, an address or domain, or else a quoted-string, and comments escaped. Everything that came from a
 * client goes through {@link #clean} first, so no CR, LF or other control character can reach the header.
 */
final class Values {

    /** The longest value written; longer ones are cut, so no line can approach 998 octets (RFC 5322 §2.1.1). */
    static final int MAX_VALUE = 255;
    /** RFC 8601 §2.2 Keyword: as RFC 5321's Ldh-str. */
    private static final Pattern KEYWORD = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?");
    /** RFC 2045 §5.1: any printable ASCII but the tspecials {@code ()<>@,;:\"/[]?=}. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.0-9A-Z^_`a-z{|}~-]+");
    /** {@code [[local-part] "@"] domain-name} of RFC 8601 §2.2 pvalue, with a dot-atom local part. */
    private static final Pattern ADDRESS = Pattern.compile("(?:(?:[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
            + "(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*)?@)?[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)*");

    private Values() {
    }

    /** A method, result, ptype or property name: ours, never the client's, so a bad one is a bug. */
    static String keyword(String word) {
        if (!KEYWORD.matcher(word).matches()) {
            throw new IllegalArgumentException("not an Authentication-Results keyword: " + clean(word));
        }
        return word;
    }

    /** A MIME value (token or quoted-string), as the authserv-id and {@code reason=} are written. */
    static String value(String text) {
        String clean = clean(text);
        return TOKEN.matcher(clean).matches() ? clean : quoted(clean);
    }

    /** A property's value: a token, an address or a domain as they are, anything else quoted. */
    static String propertyValue(String text) {
        String clean = clean(text);
        return TOKEN.matcher(clean).matches() || ADDRESS.matcher(clean).matches() ? clean : quoted(clean);
    }

    /** A comment (RFC 5322 §3.2.2), parentheses and backslashes escaped. */
    static String comment(String text) {
        return "(" + clean(text).replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")";
    }

    private static String quoted(String clean) {
        return "\"" + clean.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * The text with every control, format, separator, surrogate or unassigned code point as {@code ?} (CR, LF,
     * NUL, TAB, DEL, C1 controls, U+2028, bidi overrides), cut to {@link #MAX_VALUE} code points.
     */
    static String clean(String text) {
        StringBuilder clean = new StringBuilder(Math.min(text.length(), MAX_VALUE + 3));
        int count = 0;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            if (count++ == MAX_VALUE) {
                return clean.append("...").toString();
            }
            int c = text.codePointAt(i);
            boolean unsafe = switch (Character.getType(c)) {
                case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                        Character.SURROGATE, Character.UNASSIGNED, Character.PRIVATE_USE -> true;
                default -> false;
            };
            clean.appendCodePoint(unsafe ? '?' : c);
        }
        return clean.toString();
    }
}
