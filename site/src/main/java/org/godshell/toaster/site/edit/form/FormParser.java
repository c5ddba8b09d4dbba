package org.godshell.toaster.site.edit.form;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.godshell.toaster.site.serve.PercentDecoding;

/**
 * The {@code application/x-www-form-urlencoded} grammar (WHATWG URL §5.1), strictly: name=value pairs joined by
 * '&amp;', '+' for a space, escapes as {@code %XX} with two hex digits; the bytes must be strict UTF-8. Unlike the
 * standard's lenient parser, a broken escape, a byte outside printable ASCII, a pair without '=', or a name given
 * twice is an error, not a guess: the editor's own forms never send them.
 */
public final class FormParser {

    /** Why a body is not a form, said to the user as a 400. */
    public static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        public Malformed(String message) {
            super(message);
        }
    }

    private FormParser() {
    }

    public static Form parse(byte[] body) throws Malformed {
        Map<String, String> fields = new HashMap<>();
        if (body.length == 0) {
            return new Form(fields);
        }
        String text = new String(body, StandardCharsets.ISO_8859_1);
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                throw new Malformed("the form has an empty field (two '&' in a row)");
            }
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new Malformed("a field of the form has no name or no '='");
            }
            String name = decode(pair.substring(0, equals));
            String value = decode(pair.substring(equals + 1));
            if (fields.putIfAbsent(name, value) != null) {
                throw new Malformed("the form gives the field '" + printable(name) + "' twice");
            }
        }
        return new Form(fields);
    }

    static String decode(String raw) throws Malformed {
        return decode(raw, true);
    }

    /** A percent-encoded path segment or path (RFC 3986 §2.1): the same, but '+' is a plus. */
    public static String decodePath(String raw) throws Malformed {
        return decode(raw, false);
    }

    private static String decode(String raw, boolean plusIsSpace) throws Malformed {
        // HTML's form encoding sends a space as a raw '+' and a plus as %2B
        String escaped = plusIsSpace ? raw.replace("+", "%20") : raw;
        return switch (PercentDecoding.decode(escaped, c -> c > 0x20 && c < 0x7f)) {
            case PercentDecoding.Text text -> text.value();
            case PercentDecoding.Bad bad -> throw new Malformed("the form holds a " + bad.reason());
        };
    }

    private static String printable(String name) {
        String cut = name.length() > 40 ? name.substring(0, 40) + "..." : name;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
