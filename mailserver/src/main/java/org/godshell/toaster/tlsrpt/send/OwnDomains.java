package org.godshell.toaster.tlsrpt.send;

import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The domains that are ours, which get no report: reporting to ourselves tells the admin nothing the delivery
 * log does not, and would only put a report in our own queue for our own postmaster. Ours are the host name
 * ({@code control/me}), every domain of {@code domains/}, and what {@code rcpthosts} and {@code morercpthosts}
 * accept, including a {@code .domain} line's subdomains.
 */
public final class OwnDomains implements Predicate<String> {

    private final Set<String> exact = new HashSet<>();
    private final Set<String> parents = new HashSet<>();

    public OwnDomains(String me, Collection<String> rcpthosts, Collection<String> domains) {
        exact.add(normal(me));
        domains.forEach(domain -> exact.add(normal(domain)));
        for (String line : rcpthosts) {
            String name = normal(line);
            if (name.startsWith(".")) {
                parents.add(name);
            } else {
                exact.add(name);
            }
        }
    }

    @Override
    public boolean test(String domain) {
        String name = normal(domain);
        if (exact.contains(name)) {
            return true;
        }
        for (int dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) {
            if (parents.contains(name.substring(dot))) {
                return true;
            }
        }
        return false;
    }

    private static String normal(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
