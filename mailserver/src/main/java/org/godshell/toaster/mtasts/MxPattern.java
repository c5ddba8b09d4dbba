package org.godshell.toaster.mtasts;

import java.util.Locale;
import java.util.Objects;

/**
 * One {@code mx:} value of a policy (RFC 8461 §4.1): a host name, or {@code *.} and a domain, where the
 * wildcard stands for exactly one leftmost label ({@code *.example.com} matches {@code mx1.example.com}, not
 * {@code example.com} nor {@code a.b.example.com}).
 */
public record MxPattern(String pattern) {

    public MxPattern {
        Objects.requireNonNull(pattern, "pattern");
        pattern = strip(pattern);
        String domain = pattern.startsWith("*.") ? pattern.substring(2) : pattern;
        if (!HostNames.valid(domain)) {
            throw new IllegalArgumentException("not an mx pattern: " + pattern);
        }
    }

    /** Whether the MX host {@code host} is one this pattern allows. */
    public boolean matches(String host) {
        return HostNames.matches(pattern, strip(host));
    }

    private static String strip(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
