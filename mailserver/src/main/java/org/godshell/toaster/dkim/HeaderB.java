package org.godshell.toaster.dkim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code header.b} of Authentication-Results (RFC 6008 §4): enough leading characters of a signature's
 * {@code b=} to tell it from the message's other signatures, never fewer than 8 (the RFC's minimum), the whole
 * value when another signature has the very same one. The values are sorted once, so the longest prefix a value
 * shares with any other is the one it shares with a neighbour: n log n, however many signatures a hostile
 * message carries.
 */
final class HeaderB {

    static final int MINIMUM = 8;

    private HeaderB() {
    }

    /** For each {@code b=} value (without whitespace), its shortest unique prefix of at least 8 characters. */
    static List<String> prefixes(List<String> values) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(values::get));
        int[] shared = new int[values.size()];
        for (int k = 1; k < order.size(); k++) {
            int common = common(values.get(order.get(k - 1)), values.get(order.get(k)));
            shared[order.get(k - 1)] = Math.max(shared[order.get(k - 1)], common);
            shared[order.get(k)] = Math.max(shared[order.get(k)], common);
        }
        List<String> prefixes = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String b = values.get(i);
            prefixes.add(b.substring(0, Math.min(b.length(), Math.max(MINIMUM, shared[i] + 1))));
        }
        return prefixes;
    }

    private static int common(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }
}
