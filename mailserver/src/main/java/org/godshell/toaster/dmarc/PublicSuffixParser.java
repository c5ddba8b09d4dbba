package org.godshell.toaster.dmarc;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFile;
import org.godshell.toaster.dmarc.PublicSuffixList.Section;

/**
 * Reads the lines of Mozilla's {@code public_suffix_list.dat} (format: publicsuffix.org/list/). Strict, as a
 * control file is: a line that is no rule, a section that is not closed (a download cut short) or a list
 * without rules is an error with its line, so the running server keeps its last good list rather than judge
 * mail by half of one.
 */
final class PublicSuffixParser {

    /** The real list has about 10,000 rules; ten times that is a mistake, not a list. */
    static final int MAX_RULES = 100_000;
    static final String FIX = "; download the list again from https://publicsuffix.org/list/public_suffix_list.dat,"
            + " or remove the file to use the list shipped with the toaster";

    private PublicSuffixParser() {
    }

    static PublicSuffixList parse(Path file, List<ControlFile.Line> lines) throws ConfigException {
        Map<String, Section> rules = new HashMap<>();
        Optional<Section> open = Optional.empty();
        int openedAt = 0;
        for (ControlFile.Line line : lines) {
            String text = line.text().strip();
            if (text.isEmpty()) {
                continue;
            }
            if (text.startsWith("//")) {
                Optional<Marker> marker = Marker.of(text);
                if (marker.isEmpty()) {
                    continue;
                }
                Marker m = marker.get();
                if (m.begin() && open.isPresent() || !m.begin() && !open.equals(Optional.of(m.section()))) {
                    throw new ConfigException(file, line.number(), "\"" + text + "\" does not match the sections"
                            + " around it (" + open.map(s -> "inside " + s).orElse("outside any section") + ")" + FIX);
                }
                open = m.begin() ? Optional.of(m.section()) : Optional.empty();
                openedAt = m.begin() ? line.number() : openedAt;
                continue;
            }
            if (rules.size() >= MAX_RULES) {
                throw new ConfigException(file, line.number(), "more than " + MAX_RULES + " rules" + FIX);
            }
            String rule = key(file, line.number(), text.split("\\s", 2)[0]);
            rules.putIfAbsent(rule, open.orElse(Section.ICANN));
        }
        if (open.isPresent()) {
            throw new ConfigException(file, openedAt, "the " + open.get() + " section is never closed:"
                    + " the file was cut short" + FIX);
        }
        if (rules.isEmpty()) {
            throw new ConfigException(file, 0, "holds no rule" + FIX);
        }
        return new PublicSuffixList(rules);
    }

    /** The rule's key in A-labels: {@code name}, {@code *.name} or {@code !name}. */
    private static String key(Path file, int number, String rule) throws ConfigException {
        boolean exception = rule.startsWith("!");
        boolean wildcard = rule.startsWith("*.");
        String name = exception ? rule.substring(1) : wildcard ? rule.substring(2) : rule;
        Optional<String> ascii = DomainName.ascii(name).filter(n -> !name.endsWith("."));
        if (ascii.isEmpty()) {
            throw new ConfigException(file, number, "\"" + printable(rule) + "\" is not a rule: a domain name,"
                    + " perhaps after \"*.\" (a wildcard, only at the start) or \"!\" (an exception)" + FIX);
        }
        if (exception && !ascii.get().contains(".")) {
            throw new ConfigException(file, number, "\"" + rule + "\": an exception names a domain under a"
                    + " wildcard, so it has at least two labels" + FIX);
        }
        return (exception ? "!" : wildcard ? "*." : "") + ascii.get();
    }

    /** The rule as an error message may show it: at most 80 characters, controls as {@code ?}. */
    private static String printable(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    /** A {@code // ===BEGIN ICANN DOMAINS===} line, or its END, or the PRIVATE ones. */
    private record Marker(boolean begin, Section section) {
        static Optional<Marker> of(String comment) {
            for (Section section : Section.values()) {
                for (boolean begin : new boolean[] {true, false}) {
                    if (comment.equals("// ===" + (begin ? "BEGIN " : "END ") + section + " DOMAINS===")) {
                        return Optional.of(new Marker(begin, section));
                    }
                }
            }
            return Optional.empty();
        }
    }
}
