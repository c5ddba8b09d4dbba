package org.godshell.toaster.site.git;

/**
 * Text from a push (page names, link targets, warnings about them) made safe to print on the pusher's terminal:
 * git copies "remote:" lines to it as they come, so an ESC or a carriage return in a page name could move the
 * cursor, recolour or overwrite what the pusher reads. Letters of every script stay readable; control and format
 * characters (C0, DEL, C1, the bidirectional overrides of Unicode's "Cf" category, line and paragraph separators)
 * and unpaired surrogates are written as {@code \}{@code uXXXX}, a backslash as two, and the result is cut at a
 * length.
 */
public final class Printable {

    private Printable() {
    }

    public static String of(String text, int maxCodePoints) {
        StringBuilder out = new StringBuilder();
        int count = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (count++ == maxCodePoints) {
                return out.append("...").toString();
            }
            if (c == '\\') {
                out.append("\\\\");
            } else if (visible(c)) {
                out.appendCodePoint(c);
            } else {
                out.append(String.format("\\u%04x", c));
            }
        }
        return out.toString();
    }

    private static boolean visible(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE, Character.UNASSIGNED, Character.PRIVATE_USE -> false;
            default -> true;
        };
    }
}
