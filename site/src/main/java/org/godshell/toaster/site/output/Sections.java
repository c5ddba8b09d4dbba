package org.godshell.toaster.site.output;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.site.page.Page;
import org.godshell.toaster.site.page.Titles;

/**
 * A folder's pages as the navigation lists them: pages without a front-matter {@code section} on their own, the
 * others grouped under their section's name. A group ranks by the smallest {@code order} among its pages, then by
 * its name; a page alone by its own order, then its title; so a flat wiki reads as chapters without folders.
 */
final class Sections {

    private Sections() {
    }

    /** One line of a folder's list: a page alone or a named group of pages. */
    sealed interface Item permits Single, Group {
    }

    record Single(Page page) implements Item {
    }

    /** A section: its name as written in front matter and its pages, ranked. */
    record Group(String name, List<Page> pages) implements Item {
    }

    /** Groups {@code ranked} (already in navigation order) by section and ranks the groups among the pages. */
    static List<Item> of(List<Page> ranked) {
        Map<String, List<Page>> groups = new LinkedHashMap<>();
        List<Item> items = new ArrayList<>();
        for (Page page : ranked) {
            page.section().ifPresentOrElse(
                    name -> groups.computeIfAbsent(name, key -> new ArrayList<>()).add(page),
                    () -> items.add(new Single(page)));
        }
        groups.forEach((name, pages) -> items.add(new Group(name, List.copyOf(pages))));
        items.sort(Comparator.comparingInt(Sections::rank).thenComparing(item -> Titles.key(name(item)))
                .thenComparing(Sections::name));
        return List.copyOf(items);
    }

    private static int rank(Item item) {
        return switch (item) {
            case Single single -> single.page().sortOrder();
            case Group group -> group.pages().getFirst().sortOrder();
        };
    }

    private static String name(Item item) {
        return switch (item) {
            case Single single -> single.page().title();
            case Group group -> group.name();
        };
    }
}
