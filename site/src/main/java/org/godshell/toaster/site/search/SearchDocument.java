package org.godshell.toaster.site.search;

import java.util.List;

/**
 * One page as the search sees it: its site-relative URL (percent-encoded, as links use it), its title, aliases
 * and tags, and its text by section.
 */
public record SearchDocument(String url, String title, List<String> aliases, List<String> tags,
                             List<Section> sections) {

    public SearchDocument {
        aliases = List.copyOf(aliases);
        tags = List.copyOf(tags);
        sections = List.copyOf(sections);
    }

    /**
     * The text under one heading, up to the next heading: the heading's level (1 to 6; 0 and "" anchor and heading
     * for the text before the first heading), its anchor id as the page has it, its text, and the section's plain
     * text.
     */
    public record Section(int level, String anchor, String heading, String text) {
    }
}
