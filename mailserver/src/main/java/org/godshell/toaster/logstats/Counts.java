package org.godshell.toaster.logstats;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Counts by key, and the biggest of them in an order that never depends on the input's order. */
final class Counts {

    /** Most first; a tie goes by key, in {@link String} order, so two runs over the same log print the same. */
    static final Comparator<Map.Entry<String, Long>> ORDER = Map.Entry.<String, Long>comparingByValue().reversed()
            .thenComparing(Map.Entry.comparingByKey());

    private final Map<String, Long> counts = new HashMap<>();

    void add(String key, long n) {
        counts.merge(key, n, Long::sum);
    }

    void add(String key) {
        add(key, 1);
    }

    /** The {@code n} biggest, in {@link #ORDER}. */
    List<Map.Entry<String, Long>> top(int n) {
        return counts.entrySet().stream().sorted(ORDER).limit(n).map(e -> Map.entry(e.getKey(), e.getValue()))
                .toList();
    }

    /** All of them, in {@link #ORDER}. */
    List<Map.Entry<String, Long>> all() {
        return top(Integer.MAX_VALUE);
    }

    long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
