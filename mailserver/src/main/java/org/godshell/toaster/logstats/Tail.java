package org.godshell.toaster.logstats;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The server's own fields at the end of a line, read from the right: a client's or a remote host's text comes
 * before them, so whatever {@code key=value} it holds is never taken for one of them.
 */
final class Tail {

    private static final Pattern VALUE = Pattern.compile("[^ ]+");

    private Tail() {
    }

    /**
     * Takes {@code keys} (in the order the line writes them) off the end of {@code text} into {@code fields};
     * returns where the rest of the line ends, or -1 when the line does not end with them.
     */
    static int take(String text, List<String> keys, Map<String, String> fields) {
        int end = text.length();
        for (int k = keys.size() - 1; k >= 0; k--) {
            String marker = " " + keys.get(k) + "=";
            int at = text.lastIndexOf(marker, end - 1);
            if (at < 0) {
                return -1;
            }
            String value = text.substring(at + marker.length(), end);
            if (!VALUE.matcher(value).matches()) {
                return -1;
            }
            fields.put(keys.get(k), value);
            end = at;
        }
        return end;
    }

    /** {@link #take}, with the keys optional: the text as it is when the line ends otherwise (an older line). */
    static int takeIfThere(String text, List<String> keys, Map<String, String> fields) {
        Map<String, String> taken = new HashMap<>();
        int end = take(text, keys, taken);
        if (end < 0) {
            return text.length();
        }
        fields.putAll(taken);
        return end;
    }
}
