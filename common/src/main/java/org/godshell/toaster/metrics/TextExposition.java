package org.godshell.toaster.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a page in the Prometheus text format 0.0.4 (as another toaster daemon's endpoint writes it) into its
 * families, so that {@link Gathering} can merge several daemons' pages into one. It keeps each line as it came
 * and checks only what the merge relies on: a sample line is a valid metric name, optional labels closed outside
 * any quoted value, a space and a value with an optional timestamp; its family is the {@code # TYPE} or
 * {@code # HELP} above it when the name is that family's (or one of its {@code _bucket}, {@code _count},
 * {@code _sum} series), else a family of its own with no type (untyped, as the format allows). Anything else is
 * dropped and counted: a daemon's page is trusted no more than the port it came from.
 */
final class TextExposition {

    /** The format's metric name (and label name) rule. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    /** A value (a float, {@code +Inf}, {@code NaN}) and an optional millisecond timestamp. */
    private static final Pattern VALUE = Pattern.compile(" [-+0-9.eEInfNa]+( -?[0-9]{1,19})?");
    private static final List<String> TYPES = List.of("counter", "gauge", "histogram", "summary", "untyped");
    private static final List<String> SERIES_SUFFIXES = List.of("_bucket", "_count", "_sum");

    /**
     * One family: its name, its type ({@code untyped} when none was given), its {@code # HELP}/{@code # TYPE}
     * lines, and its sample lines with the series each names (the line up to its value), in page order.
     */
    record Family(String name, String type, List<String> header, List<Sample> samples) {}

    record Sample(String series, String line) {}

    /** The families of a page and how many of its lines were dropped as malformed. */
    record Page(List<Family> families, int dropped) {}

    private TextExposition() {
    }

    static Page parse(String text) {
        List<Family> families = new ArrayList<>();
        Family current = null;
        int dropped = 0;
        for (String line : text.split("\n", -1)) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                String[] words = line.split(" ", 4);
                boolean help = words.length >= 3 && words[1].equals("HELP");
                boolean type = words.length == 4 && words[1].equals("TYPE") && TYPES.contains(words[3]);
                if (!help && !type) {
                    dropped += words.length >= 2 && (words[1].equals("HELP") || words[1].equals("TYPE")) ? 1 : 0;
                    continue;                   // a plain comment, which the format allows and which means nothing
                }
                if (!NAME.matcher(words[2]).matches()) {
                    dropped++;
                    continue;
                }
                if (current == null || !current.name().equals(words[2])) {
                    current = new Family(words[2], "untyped", new ArrayList<>(), new ArrayList<>());
                    families.add(current);
                }
                if (type) {
                    current = new Family(current.name(), words[3], current.header(), current.samples());
                    families.set(families.size() - 1, current);
                }
                current.header().add(line);
                continue;
            }
            String series = series(line);
            if (series == null || !VALUE.matcher(line).region(series.length(), line.length()).matches()) {
                dropped++;
                continue;
            }
            String name = nameOf(series);
            if (current == null || !belongs(name, current)) {
                current = new Family(name, "untyped", new ArrayList<>(), new ArrayList<>());
                families.add(current);
            }
            current.samples().add(new Sample(series, line));
        }
        return new Page(families, dropped);
    }

    /** The sample's name and labels ({@code name{a="b"}}), or null when they are malformed. */
    private static String series(String line) {
        int nameEnd = 0;
        while (nameEnd < line.length() && line.charAt(nameEnd) != '{' && line.charAt(nameEnd) != ' ') {
            nameEnd++;
        }
        if (!NAME.matcher(line).region(0, nameEnd).matches()) {
            return null;
        }
        if (nameEnd == line.length() || line.charAt(nameEnd) == ' ') {
            return line.substring(0, nameEnd);
        }
        boolean quoted = false;
        for (int i = nameEnd + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '\\') {
                i++;                            // \\, \" or \n inside a value: the next character is data
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '}' && !quoted) {
                return line.substring(0, i + 1);
            }
        }
        return null;
    }

    private static String nameOf(String series) {
        int brace = series.indexOf('{');
        return brace < 0 ? series : series.substring(0, brace);
    }

    private static boolean belongs(String name, Family family) {
        if (name.equals(family.name())) {
            return true;
        }
        if (!name.startsWith(family.name()) || !(family.type().equals("histogram")
                || family.type().equals("summary"))) {
            return false;
        }
        return SERIES_SUFFIXES.contains(name.substring(family.name().length()));
    }
}
