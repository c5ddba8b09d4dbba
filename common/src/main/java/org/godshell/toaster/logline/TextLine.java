package org.godshell.toaster.logline;

/**
 * The text format: {@code event name=value name=<value> flag ...} or a message as it is, with control characters
 * written as {@code \xHH} so that no value can end the line or start a forged one. Public for the readers of
 * JSON lines, which give a value back as the text format wrote it with {@link #clean}.
 */
public final class TextLine {

    private TextLine() {
    }

    /** What follows the {@code TIME daemon[session] } prefix, before cleaning. */
    static String body(Line line) {
        return switch (line) {
            case Line.Message message -> message.text();
            case Line.Event event -> {
                StringBuilder text = new StringBuilder(event.event());
                for (Field field : event.fields()) {
                    text.append(' ').append(field.name());
                    switch (field.style()) {
                        case PLAIN, NUMBER -> text.append('=').append(field.value());
                        case ANGLED -> text.append("=<").append(field.value()).append('>');
                        case FLAG -> { }
                    }
                }
                yield text.toString();
            }
        };
    }

    /**
     * {@code text} with each control character (C0 and DEL) as {@code \xHH}, cut to {@code maxCodePoints}
     * before escaping (0: no limit); the same string when there is nothing to do.
     */
    public static String clean(String text, int maxCodePoints) {
        boolean cut = maxCodePoints > 0 && text.codePointCount(0, text.length()) > maxCodePoints;
        if (!cut && !hasControl(text)) {
            return text;
        }
        StringBuilder clean = new StringBuilder(text.length() + 16);
        text.codePoints().limit(cut ? maxCodePoints : Long.MAX_VALUE).forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f) {
                clean.append("\\x").append(Character.forDigit(cp >> 4, 16)).append(Character.forDigit(cp & 0xf, 16));
            } else {
                clean.appendCodePoint(cp);
            }
        });
        return clean.toString();
    }

    private static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
