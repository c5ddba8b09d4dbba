package org.godshell.toaster.site.page;

import java.util.List;
import java.util.Optional;

/** The keys a page may set in its front matter; everything is optional. */
public record FrontMatter(Optional<String> title, List<String> tags, List<String> aliases, Optional<Integer> order,
                          Optional<String> section) {

    public static final FrontMatter NONE = new FrontMatter(Optional.empty(), List.of(), List.of(), Optional.empty(),
            Optional.empty());

    public FrontMatter {
        tags = List.copyOf(tags);
        aliases = List.copyOf(aliases);
    }
}
