package org.godshell.toaster.site.stspolicy;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The policy domain a request's host name names: {@code mta-sts.DOMAIN} (RFC 8461 §3.3), in any case, with at
 * most one trailing dot, and no port (the server name, not the Host header). The domain must be letters,
 * digits and hyphens in labels of at most 63 (RFC 1035 §2.3.1; an IDN comes as its {@code xn--} form), at most
 * 253 characters, with a dot. Anything else names no domain: it is refused, never repaired.
 */
public final class PolicyHost {

    static final String PREFIX = "mta-sts.";
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private PolicyHost() {
    }

    public static Optional<String> domain(String serverName) {
        if (serverName == null || serverName.length() > PREFIX.length() + 254) {
            return Optional.empty();
        }
        String name = serverName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (!name.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String domain = name.substring(PREFIX.length());
        if (domain.isEmpty() || domain.length() > 253 || domain.indexOf('.') < 0) {
            return Optional.empty();
        }
        for (String label : domain.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(domain);
    }
}
