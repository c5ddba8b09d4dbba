package org.godshell.toaster.site.page;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Splits a page into front matter and body. The front matter is a block between a first line {@code ---} and a
 * closing {@code ---} (or {@code ...}), holding only:
 *
 * <pre>
 * title: Plain words, "double quoted" or 'single quoted'
 * tags: [a, "b c"]        (or a block list: "tags:" then lines "  - a")
 * aliases: [Other name]
 * order: 10               (an integer, -1,000,000 to 1,000,000)
 * section: Getting started (the heading the page is listed under in the navigation, 100 characters at most)
 * # comments and blank lines
 * </pre>
 *
 * Anything else (other keys, anchors, nested maps, multi-line strings) is a problem reported and skipped. No
 * YAML library: five keys do not need one, and a small grammar cannot be tricked into object construction.
 */
public final class FrontMatterParser {

    static final int MAX_LINES = 100;
    static final int MAX_TITLE = 200;
    static final int MAX_ITEMS = 50;
    static final int MAX_ITEM = 100;
    static final int MAX_ORDER = 1_000_000;
    static final int MAX_SECTION = 100;

    private FrontMatterParser() {
    }

    /** The front matter, the body that follows it, and the problems met. */
    public record Parsed(FrontMatter frontMatter, String body, List<Problem> problems) {
    }

    /** A problem on a line of the page, counted from 1 at its first line (the opening {@code ---}). */
    public record Problem(int line, String message) {
        @Override
        public String toString() {
            return "front matter line " + line + ": " + message;
        }
    }

    public static Parsed parse(String text) {
        // Only the head of the page can hold front matter: split just that much (a regex split of the whole
        // page was most of the cost of reading a thousand pages).
        List<String> head = new ArrayList<>();
        List<Integer> next = new ArrayList<>();
        int at = 0;
        while (at >= 0 && head.size() <= MAX_LINES) {
            int newline = text.indexOf('\n', at);
            if (newline < 0) {
                head.add(text.substring(at));
                at = -1;
            } else {
                head.add(text.substring(at, newline > at && text.charAt(newline - 1) == '\r' ? newline - 1 : newline));
                at = newline + 1;
            }
            next.add(at);
        }
        String[] lines = head.toArray(String[]::new);
        if (lines.length < 2 || !lines[0].strip().equals("---")) {
            return new Parsed(FrontMatter.NONE, text, List.of());
        }
        int end = -1;
        for (int i = 1; i < lines.length && i <= MAX_LINES; i++) {
            if (lines[i].equals("---") || lines[i].equals("...")) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            return new Parsed(FrontMatter.NONE, text,
                    List.of(new Problem(1, "no closing '---' within " + MAX_LINES + " lines; read as text")));
        }
        Builder builder = new Builder();
        for (int i = 1; i < end; i++) {
            i = builder.line(lines, i, end);
        }
        // the body's lines end in "\n", as a split at "\r?\n" and a join with "\n" would give
        String body = next.get(end) < 0 ? "" : text.substring(next.get(end)).replace("\r\n", "\n");
        return new Parsed(builder.build(), body, List.copyOf(builder.problems));
    }

    /** Collects keys line by line; a block list consumes the "- item" lines after its key. */
    private static final class Builder {
        private Optional<String> title = Optional.empty();
        private List<String> tags = List.of();
        private List<String> aliases = List.of();
        private Optional<Integer> order = Optional.empty();
        private Optional<String> section = Optional.empty();
        private final List<Problem> problems = new ArrayList<>();

        int line(String[] lines, int index, int end) {
            String line = lines[index];
            int where = index + 1;
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                return index;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || Character.isWhitespace(line.charAt(0))) {
                problems.add(new Problem(where, "expected 'key: value'"));
                return index;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            int last = index;
            List<String> block = new ArrayList<>();
            if (value.isEmpty()) {
                while (last + 1 < end && lines[last + 1].stripLeading().startsWith("- ")) {
                    last++;
                    block.add(lines[last].stripLeading().substring(2).strip());
                }
            }
            try {
                switch (key) {
                    case "title" -> title = Optional.of(limited(Scalars.scalar(value), MAX_TITLE, "title"));
                    case "order" -> order = Optional.of(integer(value));
                    case "section" -> section = Optional.of(limited(Scalars.scalar(value), MAX_SECTION, "section"));
                    case "tags" -> tags = list(value, block, "tags");
                    case "aliases" -> aliases = list(value, block, "aliases");
                    default -> problems.add(new Problem(where, "unknown key '" + Scalars.shown(key)
                            + "' (known: title, tags, aliases, order, section)"));
                }
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(where, e.getMessage()));
            }
            return last;
        }

        private List<String> list(String value, List<String> block, String key) {
            List<String> raw = value.isEmpty() ? block : Scalars.flowList(value);
            if (raw.size() > MAX_ITEMS) {
                throw new IllegalArgumentException(key + ": more than " + MAX_ITEMS + " items");
            }
            LinkedHashSet<String> items = new LinkedHashSet<>();
            for (String item : raw) {
                String parsed = limited(value.isEmpty() ? Scalars.scalar(item) : item, MAX_ITEM, key);
                if (!parsed.isEmpty()) {
                    items.add(parsed);
                }
            }
            return List.copyOf(items);
        }

        private static int integer(String value) {
            if (!value.matches("[+-]?[0-9]{1,7}")) {
                throw new IllegalArgumentException("order must be an integer, got '" + Scalars.shown(value) + "'");
            }
            int order = Integer.parseInt(value);
            if (Math.abs(order) > MAX_ORDER) {
                throw new IllegalArgumentException("order must be within -" + MAX_ORDER + ".." + MAX_ORDER);
            }
            return order;
        }

        private static String limited(String value, int max, String key) {
            if (value.length() > max) {
                throw new IllegalArgumentException(key + ": longer than " + max + " characters");
            }
            return value;
        }

        FrontMatter build() {
            return new FrontMatter(title.filter(t -> !t.isEmpty()), tags, aliases, order,
                    section.filter(s -> !s.isEmpty()));
        }
    }
}
