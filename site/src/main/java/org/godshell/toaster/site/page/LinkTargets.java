package org.godshell.toaster.site.page;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.site.source.Warning;

/**
 * What a wiki link may name, case-insensitively ({@link Titles#key}): a page's title, its path without
 * {@code .md} ("section/Page"), its file name, or one of its aliases, tried in that order of strength. When two
 * pages claim one name, the stronger claim wins, then the first path in sort order, and a warning says so.
 */
public final class LinkTargets {

    private final Map<String, Page> byKey = new HashMap<>();

    public LinkTargets(List<Page> pages, List<Warning> warnings) {
        for (int strength = 0; strength < 4; strength++) {
            for (Page page : pages) {
                for (String name : names(page, strength)) {
                    String key = Titles.key(name);
                    if (key.isEmpty()) {
                        continue;
                    }
                    Page holder = byKey.putIfAbsent(key, page);
                    if (holder != null && holder != page && strength != 2) {
                        warnings.add(new Warning(page.path(), "the name '" + name + "' already belongs to "
                                + holder.path() + "; links with it go there"));
                    }
                }
            }
        }
    }

    private static List<String> names(Page page, int strength) {
        return switch (strength) {
            case 0 -> List.of(page.title());
            case 1 -> List.of(page.path().substring(0, page.path().length() - ".md".length()));
            case 2 -> List.of(page.stem());
            default -> page.aliases();
        };
    }

    /** The page a link target names, if any. */
    public Optional<Page> find(String target) {
        return Optional.ofNullable(byKey.get(Titles.key(target)));
    }
}
