package org.godshell.toaster.site.page;

import java.util.List;
import java.util.Optional;

/**
 * One page of the wiki: where it comes from ({@code path}), where it goes ({@code url}, relative to the site's
 * root), what it is called, and either its markdown {@code body} or the {@code notice} saying why it cannot be
 * shown (too large, not UTF-8, binary). {@code section} is the heading the navigation lists it under, if any.
 */
public record Page(String path, String url, String title, List<String> tags, List<String> aliases,
                   Optional<Integer> order, Optional<String> body, Optional<String> notice,
                   Optional<String> section) {

    public Page {
        tags = List.copyOf(tags);
        aliases = List.copyOf(aliases);
    }

    /** A page listed under no section, as most are (and as every page is that cannot be read). */
    public Page(String path, String url, String title, List<String> tags, List<String> aliases,
                Optional<Integer> order, Optional<String> body, Optional<String> notice) {
        this(path, url, title, tags, aliases, order, body, notice, Optional.empty());
    }

    /** The folder the page is in, "" at the top. */
    public String folder() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** The file name without {@code .md}. */
    public String stem() {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.substring(0, name.length() - ".md".length());
    }

    /** How many folders deep the output file is: the number of "../" that lead back to the site's root. */
    public int depth() {
        return (int) url.chars().filter(c -> c == '/').count();
    }

    /** The page's rank among its siblings: by order (pages without one last), then title. */
    public int sortOrder() {
        return order.orElse(Integer.MAX_VALUE);
    }
}
