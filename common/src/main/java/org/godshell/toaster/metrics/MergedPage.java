package org.godshell.toaster.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Several daemons' pages as one, in the text format: each family once, with its {@code # HELP} and
 * {@code # TYPE} from the first page that has it and the samples of every page, grouped as the format requires.
 * Families the daemons share (the JVM's, the certificates') tell their samples apart by the {@code daemon} label
 * each daemon puts on them; what would still make the page invalid is dropped and counted against the page that
 * brought it: a family whose type differs from the first page's, a series a page before it already has, and a
 * family named like the ones this class adds ({@code toaster_metrics_source_*}).
 */
final class MergedPage {

    static final String UP = "toaster_metrics_source_up";
    static final String DROPPED = "toaster_metrics_source_dropped_lines";
    private static final String RESERVED = "toaster_metrics_source_";

    private final Map<String, TextExposition.Family> families = new LinkedHashMap<>();
    private final Set<String> series = new HashSet<>();
    private final Map<String, Integer> dropped = new LinkedHashMap<>();
    private final Map<String, Boolean> up = new LinkedHashMap<>();

    /** Adds one daemon's page. */
    void add(String daemon, TextExposition.Page page) {
        int lost = page.dropped();
        for (TextExposition.Family family : page.families()) {
            TextExposition.Family kept = families.get(family.name());
            if (family.name().startsWith(RESERVED) || kept != null && !kept.type().equals(family.type())) {
                lost += family.header().size() + family.samples().size();
                continue;
            }
            if (kept == null) {
                kept = new TextExposition.Family(family.name(), family.type(), family.header(),
                        new ArrayList<>());
                families.put(family.name(), kept);
            }
            for (TextExposition.Sample sample : family.samples()) {
                if (series.add(sample.series())) {
                    kept.samples().add(sample);
                } else {
                    lost++;
                }
            }
        }
        up.put(daemon, true);
        dropped.merge(daemon, lost, Integer::sum);
    }

    /** A daemon whose page could not be had this time: it counts as down. */
    void missing(String daemon) {
        up.put(daemon, false);
        dropped.putIfAbsent(daemon, 0);
    }

    /** The page, ending with whether each daemon's figures are in it and how many of its lines were dropped. */
    String text() {
        StringBuilder out = new StringBuilder(64 * 1024);
        for (TextExposition.Family family : families.values()) {
            if (family.samples().isEmpty()) {
                continue;
            }
            family.header().forEach(line -> out.append(line).append('\n'));
            family.samples().forEach(sample -> out.append(sample.line()).append('\n'));
        }
        family(out, UP, "whether this scrape has the daemon's figures (1) or not (0): its endpoint did not "
                + "answer in time, answered with an error, or sent too much",
                up.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue() ? 1 : 0)).toList());
        family(out, DROPPED, "lines of the daemon's page left out of this scrape: malformed, or clashing with "
                + "another daemon's", List.copyOf(dropped.entrySet()));
        return out.toString();
    }

    private static void family(StringBuilder out, String name, String help, List<Map.Entry<String, Integer>> values) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
        for (Map.Entry<String, Integer> value : values) {
            out.append(name).append("{daemon=\"").append(value.getKey()).append("\"} ").append(value.getValue())
                    .append('\n');
        }
    }
}
