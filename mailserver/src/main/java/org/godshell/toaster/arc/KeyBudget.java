package org.godshell.toaster.arc;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.godshell.toaster.dkim.SignatureTags;

/**
 * How many keys one message may make us fetch: {@link #MAX} different {@code SELECTOR._domainkey.DOMAIN} names
 * for the whole chain. Each lookup may take the whole lookup timeout, and a hostile chain of 50 sets could name
 * 100 slow domains; a real chain names a handful, and a key used twice (one sealer signing both its fields, or
 * sealing twice) counts once.
 */
final class KeyBudget {

    static final int MAX = 10;

    private final Set<String> names = new HashSet<>();

    /** Whether the key of {@code tags} may be fetched: one already counted, or a new one within the budget. */
    boolean admits(SignatureTags tags) {
        String name = (tags.selector() + "._domainkey." + tags.domain()).toLowerCase(Locale.ROOT);
        if (names.contains(name)) {
            return true;
        }
        if (names.size() == MAX) {
            return false;
        }
        names.add(name);
        return true;
    }
}
