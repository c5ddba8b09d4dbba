package org.godshell.toaster.dkim.keys;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.godshell.toaster.dkim.Algorithm;

/**
 * Selector names: one DNS label of lower-case letters, digits and hyphens (RFC 1035 §2.3.1, at most 63
 * characters), since a selector is both a DNS name and the name of a key file ({@code SELECTOR.pem}): no dot, no
 * slash, nothing a path could escape with. The toaster names its keys by date and algorithm,
 * {@code 20261206-rsa} and {@code 20261206-ed25519}; a second pair made the same day is {@code 20261206-2-rsa}.
 */
public final class SelectorNames {

    static final int MAX = 63;
    /** More pairs than this in one day is a runaway script, not a rotation. */
    static final int MAX_PER_DAY = 99;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private SelectorNames() {
    }

    /** Whether {@code name} can be a selector of the store. */
    public static boolean valid(String name) {
        return name != null && name.length() <= MAX && LABEL.matcher(name).matches();
    }

    /** The algorithm's part of a name: {@code rsa} or {@code ed25519}, the key type of its records. */
    static String suffix(Algorithm algorithm) {
        return algorithm.keyType();
    }

    /** The name of the {@code n}-th pair of {@code day} (counting from 1) for {@code algorithm}. */
    static String name(LocalDate day, int n, Algorithm algorithm) {
        return DAY.format(day) + (n == 1 ? "" : "-" + n) + "-" + suffix(algorithm);
    }

    /**
     * The first pair number of {@code day} whose names are free for every algorithm, or empty after
     * {@value #MAX_PER_DAY} pairs.
     */
    static Optional<Integer> freePair(LocalDate day, Predicate<String> taken) {
        for (int n = 1; n <= MAX_PER_DAY; n++) {
            int pair = n;
            boolean free = true;
            for (Algorithm algorithm : Algorithm.values()) {
                free &= !taken.test(name(day, pair, algorithm));
            }
            if (free) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /** A name as it may be shown in an error: control characters escaped, cut at 80 characters. */
    static String printable(String name) {
        if (name == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder("\"");
        name.codePoints().limit(80).forEach(c -> out.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", c)
                : Character.toString(c)));
        return out.append(name.length() > 80 ? "...\"" : "\"").toString();
    }
}
