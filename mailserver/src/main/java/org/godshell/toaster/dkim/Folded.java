package org.godshell.toaster.dkim;

/**
 * Writes a DKIM-Signature field in lines of at most 78 characters (RFC 5322 §2.1.1), folding only where RFC 6376
 * allows whitespace: between tags, after a colon of {@code h=}, and inside {@code b=}. The same pieces always
 * fold the same way, so the field is a function of its tags.
 */
final class Folded {

    static final int WIDTH = 78;

    private final StringBuilder text = new StringBuilder();
    private int column;

    Folded(String name) {
        text.append(name).append(':');
        column = text.length();
    }

    /** Adds {@code piece}, after a space ({@code spaced}) or glued to what precedes, folding first if needed. */
    Folded add(String piece, boolean spaced) {
        int width = piece.length() + (spaced ? 1 : 0);
        if (column + width > WIDTH && column > 1) {
            text.append("\r\n ");
            column = 1;
        } else if (spaced) {
            text.append(' ');
            column++;
        }
        text.append(piece);
        column += piece.length();
        return this;
    }

    /** Starts a new line, as {@code b=} gets so that its value is all that follows. */
    Folded newLine() {
        text.append("\r\n");
        column = 0;
        return this;
    }

    /** Adds a long value with no spaces in it (base64) cut to the width, each line after the first indented. */
    Folded addCut(String value) {
        int i = 0;
        while (i < value.length()) {
            if (column >= WIDTH) {
                text.append("\r\n ");
                column = 1;
            }
            int take = Math.min(value.length() - i, WIDTH - column);
            text.append(value, i, i + take);
            column += take;
            i += take;
        }
        return this;
    }

    String text() {
        return text.toString();
    }
}
