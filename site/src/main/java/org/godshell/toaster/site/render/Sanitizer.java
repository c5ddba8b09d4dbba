package org.godshell.toaster.site.render;

import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Cleans rendered HTML with a jsoup {@link Safelist} that keeps what markdown produces (headings with ids,
 * tables, code with language classes, disabled task-list checkboxes, footnotes, admonition and definition-list
 * markup) and nothing that runs: no script, style, iframe, object, embed, form or SVG, no event handlers, no
 * {@code style} attribute, and URLs only with http, https or mailto, or relative.
 *
 * <p>jsoup decodes entities before it checks a URL, so {@code &#106;avascript:} is caught; on top of jsoup's check
 * every kept URL is read the way a browser reads it (ASCII tab and newline removed, leading spaces and controls
 * stripped, case folded) and dropped if it then names any other scheme.
 */
public final class Sanitizer {

    private static final String BASE = "https://wiki.invalid/a/b/";
    private final Cleaner cleaner = new Cleaner(new WikiSafelist());

    /** The cleaned body of the fragment, as a jsoup document (for the callers that read headings from it). */
    public Document clean(String html) {
        Document dirty = Jsoup.parseBodyFragment(html, BASE);
        Document clean = cleaner.clean(dirty);
        clean.outputSettings().prettyPrint(false);
        for (Element input : clean.select("input")) {
            if (!"checkbox".equals(input.attr("type"))) {
                input.remove();
            }
        }
        return clean;
    }

    /** The cleaned fragment as HTML text. */
    public String cleanHtml(String html) {
        return clean(html).body().html();
    }

    /** Whether a URL, read as a browser reads it, is relative or uses http, https or mailto. */
    static boolean safeUrl(String value) {
        StringBuilder read = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            // WHATWG URL: tab and newline are removed anywhere, leading/trailing C0 controls and spaces stripped
            if (c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            read.append(c);
        }
        String url = read.toString().replaceAll("^[\\x00-\\x20]+|[\\x00-\\x20]+$", "");
        int colon = url.indexOf(':');
        int end = url.length();
        for (char stop : new char[] {'/', '?', '#'}) {
            int at = url.indexOf(stop);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        if (colon < 0 || colon > end) {
            return true;
        }
        String scheme = url.substring(0, colon).toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https") || scheme.equals("mailto");
    }

    /** The tags and attributes markdown output needs, with the URL check above on every href and src. */
    private static final class WikiSafelist extends Safelist {
        WikiSafelist() {
            super(Safelist.relaxed());
            addTags("del", "s", "ins", "mark", "kbd", "samp", "var", "abbr", "hr", "input", "details", "summary",
                    "section", "figure", "figcaption");
            addAttributes(":all", "id", "class", "title", "lang", "dir");
            addAttributes("a", "href", "rel");
            addAttributes("input", "type", "checked");
            addAttributes("th", "align");
            addAttributes("td", "align");
            addAttributes("ol", "start", "type");
            addEnforcedAttribute("input", "disabled", "disabled");
            addProtocols("a", "href", "http", "https", "mailto", "#");
            addProtocols("img", "src", "http", "https");
            removeProtocols("a", "href", "ftp");
            removeAttributes("blockquote", "cite");
            removeAttributes("q", "cite");
            preserveRelativeLinks(true);
        }

        @Override
        public boolean isSafeAttribute(String tagName, Element element, Attribute attribute) {
            if (!super.isSafeAttribute(tagName, element, attribute)) {
                return false;
            }
            String key = attribute.getKey();
            return !(key.equals("href") || key.equals("src")) || safeUrl(attribute.getValue());
        }
    }
}
