package org.godshell.toaster.dkim;

/**
 * The two canonicalizations of RFC 6376 §3.4, for header fields here and for the body in {@link BodyHash}.
 * {@code simple} keeps every octet; {@code relaxed} forgives what mail relays are known to change: the case of
 * field names, folding, and runs of whitespace.
 */
public enum Canonicalization {
    SIMPLE, RELAXED;

    /** Reads one half of a {@code c=} tag; the words are case-insensitive as ABNF literals are. */
    static Canonicalization of(String word) throws DkimError {
        return switch (Text.lower(word)) {
            case "simple" -> SIMPLE;
            case "relaxed" -> RELAXED;
            default -> throw DkimError.perm("unknown canonicalization \"" + Text.printable(word, 20) + "\"");
        };
    }

    /** The field as hashed, with its final CRLF (§3.4.1, §3.4.2). */
    String header(HeaderField field) {
        return switch (this) {
            case SIMPLE -> field.raw() + "\r\n";
            case RELAXED -> field.key() + ":" + relaxed(field.value()) + "\r\n";
        };
    }

    /**
     * §3.4.2: unfold (a CRLF before whitespace goes), every run of whitespace becomes one space, and whitespace
     * at the start and end of the value goes. A CR or LF left after unfolding (only a fold's can be there, the
     * parsers refuse others) is removed with it.
     */
    private static String relaxed(String value) {
        StringBuilder out = new StringBuilder(value.length());
        boolean space = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                continue;
            }
            if (Text.wsp(c)) {
                space = true;
                continue;
            }
            if (space && !out.isEmpty()) {
                out.append(' ');
            }
            space = false;
            out.append(c);
        }
        return out.toString();
    }
}
