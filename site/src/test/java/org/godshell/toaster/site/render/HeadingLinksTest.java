package org.godshell.toaster.site.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.site.page.LinkTargets;
import org.godshell.toaster.site.page.Page;
import org.godshell.toaster.site.source.Limits;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Links to headings: visible labels, hrefs equal to the ids the headings get, missing headings red. */
class HeadingLinksTest {

    private final PageRenderer renderer = new PageRenderer(Limits.DEFAULT);

    private static Page page(String path, String url, String title, String body) {
        return new Page(path, url, title, List.of(), List.of(), Optional.empty(), Optional.of(body), Optional.empty());
    }

    private Rendered render(String body) {
        Page here = page("Here.md", "Here.html", "Here", body);
        Page home = page("Home.md", "index.html", "Home", "## Test it\n");
        return renderer.render(here, new LinkTargets(List.of(here, home), new ArrayList<>()));
    }

    /** The first wiki link of the page (the heading anchors come after it in the document). */
    private static Element link(Rendered rendered) {
        return Jsoup.parseBodyFragment(rendered.html()).selectFirst("p a");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "[[#Local part]]\\n\\n## Local part; #local-part; Local part",
        "[[#local PART]]\\n\\n## Local part; #local-part; Local part",
        "[[#local-part]]\\n\\n## Local part; #local-part; Local part",
        "[[#snake_case name]]\\n\\n## snake_case name; #snake-case-name; snake_case name",
        "[[#Hello, World! (v2)]]\\n\\n## Hello, World! (v2); #hello-world-v2; Hello, World! (v2)",
        "[[#Été à Zürich]]\\n\\n## Été à Zürich; #été-à-zürich; Été à Zürich",
        "[[#`code` *em*]]\\n\\n## `code` *em*; #code-em; code em",
        "[[#A]]\\n\\n## A\\n## A; #a; A",
        "[[#a-1]]\\n\\n## A\\n## A; #a-1; A",
        "[[##x]]\\n\\n## x; #x; x",
        "[[the part|#Local part]]\\n\\n## Local part; #local-part; the part",
        "[[Home#Test it]]; index.html#test-it; Home § Test it",
        "[[here|Home#Test it]]; index.html#test-it; here",
        "[[Home#<script>]]; index.html#script; Home § <script>",
    })
    void aHeadingLinkLandsOnTheHeadingAndShowsItsText(String markdown, String href, String text) {
        Rendered rendered = render(markdown.replace("\\n", "\n"));
        Element link = link(rendered);
        assertEquals(href, link.attr("href"), rendered::html);
        assertEquals(text, link.text(), rendered::html);
        assertFalse(link.hasClass(WikiLinks.MISSING_CLASS), rendered::html);
        assertEquals(List.of(), rendered.missing());
        if (href.startsWith("#")) {
            assertTrue(rendered.headings().stream().anyMatch(h -> h.id().equals(href.substring(1))),
                    () -> href + " is no heading's id: " + rendered.headings());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "[[#No such heading]]; #No such heading",
        "[[#]]; #",
        "[[##x]]; ##x",
        "[[#<script>alert(1)</script>]]; #<script>alert(1)</script>",
    })
    void aMissingHeadingIsRedVisibleAndReported(String markdown, String text) {
        Rendered rendered = render(markdown.replace("\\n", "\n"));
        Element link = link(rendered);
        assertTrue(link.hasClass(WikiLinks.MISSING_CLASS), rendered::html);
        assertEquals(text, link.text(), rendered::html);
        assertEquals(List.of(text), rendered.missing());
        assertTrue(link.select("script").isEmpty(), rendered::html);
    }

    @Test
    void aVeryLongHeadingNameStaysOneLinkWithItsText() {
        String name = "x".repeat(20_000);
        Rendered rendered = render("## " + name + "\n\n[[#" + name + "]]");
        Element link = Jsoup.parseBodyFragment(rendered.html()).select("p a").first();
        assertEquals("#" + name, link.attr("href"));
        assertEquals(name, link.text());
    }
}
