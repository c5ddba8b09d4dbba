package org.godshell.toaster.mailmetrics;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The sample names of a scrape in the Prometheus text format (version 0.0.4), each with the label names its
 * samples carry: {@code toaster_spp_plugin_duration_seconds_bucket} with {@code le} and {@code plugin}. Comments
 * are skipped; a sample line that does not parse is an {@link IllegalArgumentException} naming it.
 */
final class Exposition {

    private Exposition() {
    }

    static Map<String, Set<String>> labelsByName(String body) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            Set<String> labels = out.computeIfAbsent(line.substring(0, end), name -> new LinkedHashSet<>());
            if (end < line.length() && line.charAt(end) == '{') {
                labels(line, end + 1, labels);
            }
        }
        return out;
    }

    /** {@code name="value",...}} from {@code at}, the value's escapes (backslash, quote, n) skipped over. */
    private static void labels(String line, int at, Set<String> into) {
        while (at < line.length() && line.charAt(at) != '}') {
            int equals = line.indexOf("=\"", at);
            if (equals < 0) {
                throw new IllegalArgumentException("a label without a value: " + line);
            }
            into.add(line.substring(at, equals));
            at = equals + 2;
            while (at < line.length() && line.charAt(at) != '"') {
                at += line.charAt(at) == '\\' ? 2 : 1;
            }
            if (at >= line.length()) {
                throw new IllegalArgumentException("a label value is not closed: " + line);
            }
            at++;
            if (at < line.length() && line.charAt(at) == ',') {
                at++;
            }
        }
        if (at >= line.length()) {
            throw new IllegalArgumentException("the labels are not closed: " + line);
        }
    }
}
