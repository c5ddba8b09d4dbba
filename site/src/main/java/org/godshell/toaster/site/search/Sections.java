package org.godshell.toaster.site.search;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * A rendered page's text cut at its headings: each heading (any level) starts a section named by the heading's
 * id, the very anchor the page's table of contents links to. Read from the sanitized HTML, so the text is what
 * a reader sees: markup is gone, entities are decoded, and a {@code <script>} in the source is not there.
 */
public final class Sections {

    private Sections() {
    }

    public static List<SearchDocument.Section> of(String html) {
        Element body = Jsoup.parseBodyFragment(html).body();
        Cutter cutter = new Cutter();
        NodeTraversor.traverse(cutter, body);
        cutter.close();
        return List.copyOf(cutter.sections);
    }

    /** Each run of regex {@code \s} (space, tab, newline, VT, FF, CR) as one space, without a regex. */
    static String collapsed(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean inRun = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space = c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
            if (!space) {
                out.append(c);
            } else if (!inRun) {
                out.append(' ');
            }
            inRun = space;
        }
        return out.toString();
    }

    private static final class Cutter implements NodeVisitor {
        private final List<SearchDocument.Section> sections = new ArrayList<>();
        private int level;
        private String anchor = "";
        private String heading = "";
        private StringBuilder text = new StringBuilder();
        private Element inHeading;

        @Override
        public void head(Node node, int depth) {
            if (inHeading != null) {
                return;
            }
            if (node instanceof Element element && isHeading(element)) {
                close();
                inHeading = element;
                level = element.normalName().charAt(1) - '0';
                anchor = element.id();
                heading = element.text();
            } else if (node instanceof TextNode textNode) {
                text.append(textNode.text());
            } else if (node instanceof Element element && element.isBlock()) {
                text.append(' ');
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node == inHeading) {
                inHeading = null;
            } else if (inHeading == null && node instanceof Element element
                    && (element.isBlock() || element.nameIs("br"))) {
                text.append(' ');
            }
        }

        void close() {
            String plain = collapsed(text).strip();
            if (!plain.isEmpty() || !heading.isEmpty()) {
                sections.add(new SearchDocument.Section(level, anchor, heading, plain));
            }
            text = new StringBuilder();
        }

        private static boolean isHeading(Element element) {
            String name = element.normalName();
            return name.length() == 2 && name.charAt(0) == 'h' && name.charAt(1) >= '1' && name.charAt(1) <= '6';
        }
    }
}
