package org.godshell.toaster.dkim;

import java.util.Base64;
import java.util.Locale;

/**
 * Small helpers over header text. The package keeps message bytes as ISO-8859-1 strings, one char per octet,
 * so that canonicalization and hashing see exactly the octets that were received (RFC 6376 §3.4 works on
 * octets, and a header may carry UTF-8, RFC 6532).
 */
final class Text {

    private Text() {
    }

    /** {@code WSP} of RFC 5234: space or horizontal tab. */
    static boolean wsp(char c) {
        return c == ' ' || c == '\t';
    }

    /** ASCII lower case, whatever the default locale (a Turkish one would turn {@code I} into a dotless i). */
    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /**
     * A base64 tag value ({@code b=}, {@code bh=}, {@code p=}): folding whitespace is ignored (RFC 6376 §3.5
     * "base64string"), the rest must be strict base64 with its padding.
     */
    static byte[] base64(String tag, String value) throws DkimError {
        StringBuilder compact = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!wsp(c) && c != '\r' && c != '\n') {
                compact.append(c);
            }
        }
        try {
            return Base64.getDecoder().decode(compact.toString());
        } catch (IllegalArgumentException e) {
            throw DkimError.perm(tag + "= is not valid base64: " + e.getMessage());
        }
    }

    /** Text for an error message: at most {@code max} characters, control and non-ASCII octets as {@code \xNN}. */
    static String printable(String text, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\x%02X", (int) c & 0xff));
            }
        }
        return text.length() > max ? out + "..." : out.toString();
    }
}
