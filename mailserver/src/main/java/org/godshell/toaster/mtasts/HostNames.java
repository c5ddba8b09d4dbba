package org.godshell.toaster.mtasts;

import java.util.Locale;

/**
 * Host names as MTA-STS compares them: a pattern with a wildcard only as the whole leftmost label matches one
 * label there (RFC 8461 §4.1 for {@code mx} patterns, §4.2 for certificate DNS-IDs, which follow RFC 6125
 * §6.4.3 without its partial-label wildcards such as {@code mx*.example.com}).
 */
final class HostNames {

    private static final String LABEL = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";

    private HostNames() {
    }

    /** An LDH host name of at least two labels, lower case, no final dot. */
    static boolean valid(String name) {
        return name.length() <= 253 && name.matches("(" + LABEL + "\\.)+" + LABEL);
    }

    /** Whether {@code pattern} (a name or {@code *.}name) matches {@code host}; both compared case-blind. */
    static boolean matches(String pattern, String host) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (!p.startsWith("*.")) {
            return p.equals(h);
        }
        String parent = p.substring(2);
        if (parent.contains("*")) {
            return false;
        }
        int dot = h.indexOf('.');
        return dot > 0 && !h.substring(0, dot).contains("*") && h.substring(dot + 1).equals(parent);
    }
}
