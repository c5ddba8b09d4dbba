package org.godshell.toaster.logline;

import org.godshell.toaster.json.JsonText;

/**
 * The JSON format: one object a line, {@code time}, {@code daemon}, {@code session} and {@code event} first, then
 * each field of the text line as a member of the same name ({@code "event":"message","msg":...} for a sentence).
 * Values are the text format's without its control-character escapes, which JSON escaping replaces.
 */
final class JsonLine {

    private JsonLine() {
    }

    static String of(String time, String daemon, String session, Line line, int maxCodePoints) {
        StringBuilder json = new StringBuilder(128);
        json.append("{\"time\":");
        JsonText.string(json, time);
        json.append(",\"daemon\":");
        JsonText.string(json, daemon);
        json.append(",\"session\":");
        JsonText.string(json, session);
        json.append(",\"event\":");
        switch (line) {
            case Line.Message message -> {
                JsonText.string(json, "message");
                json.append(",\"msg\":");
                JsonText.string(json, cut(message.text(), maxCodePoints));
            }
            case Line.Event event -> {
                JsonText.string(json, event.event());
                for (Field field : event.fields()) {
                    json.append(',');
                    JsonText.string(json, field.name());
                    json.append(':');
                    switch (field.style()) {
                        case PLAIN, ANGLED -> JsonText.string(json, cut(field.value(), maxCodePoints));
                        case NUMBER -> json.append(field.value());
                        case FLAG -> json.append("true");
                    }
                }
            }
        }
        return json.append('}').toString();
    }

    /** The first {@code maxCodePoints} code points of {@code value} (0: all), as the text format cuts its line. */
    private static String cut(String value, int maxCodePoints) {
        if (maxCodePoints <= 0 || value.codePointCount(0, value.length()) <= maxCodePoints) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, maxCodePoints));
    }
}
