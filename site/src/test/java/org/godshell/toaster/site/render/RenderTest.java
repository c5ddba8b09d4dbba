package org.godshell.toaster.site.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.site.page.LinkTargets;
import org.godshell.toaster.site.page.Page;
import org.godshell.toaster.site.source.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What markdown produces survives the sanitizer; wiki links resolve by title, file name, path and alias. */
class RenderTest {

    private final PageRenderer renderer = new PageRenderer(Limits.DEFAULT);

    private static Page page(String path, String title, List<String> aliases, String body) {
        String url = path.substring(0, path.length() - 3) + ".html";
        return new Page(path, url, title, List.of(), aliases, Optional.empty(), Optional.of(body), Optional.empty());
    }

    private final Page rbl = page("Plugin-rbl.md", "Plugin: rbl", List.of("Blocklists"), "# Plugin: rbl\n");
    private final Page deep = page("guide/How-to-start.md", "How to start", List.of(), "x");

    private Rendered render(String path, String body) {
        Page page = page(path, "Here", List.of(), body);
        return renderer.render(page, new LinkTargets(List.of(page, rbl, deep), new ArrayList<>()));
    }

    @Test
    void markdownFeaturesSurviveTheSanitizer() {
        String html = render("Here.md", """
                # Top
                ## Second part

                | a | b |
                |---|--:|
                | 1 | 2 |

                - [x] done
                - [ ] to do

                ~~gone~~ and https://example.org/auto and a footnote[^1].

                [^1]: The note.

                !!! warning "Careful"
                    Admonition body.

                Term
                : Definition

                ```java
                class A {}
                ```

                <kbd>Ctrl</kbd>
                """).html();
        for (String expected : List.of("<h2 id=\"second-part\">", "<table>", "<td align=\"right\">2</td>",
                "type=\"checkbox\"", "disabled", "<del>gone</del>", "href=\"https://example.org/auto\"",
                "class=\"footnote-ref\"", "adm-warning", "<dl>", "<dt>Term</dt>", "class=\"language-java\"",
                "<kbd>Ctrl</kbd>")) {
            assertTrue(html.contains(expected), () -> expected + " missing from " + html);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "[[Plugin: rbl]]; href=\"Plugin-rbl.html\"",
        "[[plugin: RBL]]; href=\"Plugin-rbl.html\"",
        "[[Plugin-rbl]]; href=\"Plugin-rbl.html\"",
        "[[Plugin rbl]]; href=\"Plugin-rbl.html\"",
        "[[Blocklists]]; href=\"Plugin-rbl.html\"",
        "[[the rbl plugin|Plugin: rbl]]; >the rbl plugin</a>",
        "[[Plugin: rbl#Test it]]; href=\"Plugin-rbl.html#test-it\"",
        "[[guide/How to start]]; href=\"guide/How-to-start.html\"",
        "[[How to start]]; href=\"guide/How-to-start.html\"",
        "[[#Local part]]\\n\\n## Local part; href=\"#local-part\">Local part</a>",
    })
    void wikiLinksResolve(String markdown, String expected) {
        Rendered rendered = render("Here.md", markdown.replace("\\n", "\n"));
        assertTrue(rendered.html().contains(expected), rendered::html);
        assertEquals(List.of(), rendered.missing());
    }

    @Test
    void linksFromASubfolderClimbToTheRoot() {
        Rendered rendered = render("guide/Here.md", "[[Plugin: rbl]]");
        assertTrue(rendered.html().contains("href=\"../Plugin-rbl.html\""), rendered::html);
        assertEquals(List.of("Plugin-rbl.md"), rendered.linksTo());
    }

    @Test
    void missingTargetsAreRedAndReported() {
        Rendered rendered = render("Here.md", "[[No such page]] and [[label|Also: missing]]");
        assertEquals(List.of("Also: missing", "No such page"), rendered.missing());
        assertTrue(rendered.html().contains("class=\"wiki-missing\""), rendered::html);
        assertTrue(rendered.html().contains("href=\"_edit/No-such-page.md\""), rendered::html);
        assertTrue(rendered.html().contains("href=\"_edit/Also-missing.md\""), rendered::html);
    }

    /**
     * A loose task item holding a wiki link, then a nested list whose item is a heading: Flexmark moves the nodes
     * around, and the link reached the resolver without its document (an exception, so the whole page was shown
     * as "could not be parsed"). The link resolves as anywhere else.
     */
    @Test
    void aWikiLinkInALooseTaskItemBeforeANestedHeadingResolves() {
        Rendered rendered = render("Here.md", "- [ ] task\n\n  [[Plugin: rbl]]\n  - ## Top\n");
        assertTrue(rendered.html().contains("href=\"Plugin-rbl.html\""), rendered::html);
        assertTrue(rendered.html().contains("<h2 id=\"top\">"), rendered::html);
        assertEquals(List.of("Plugin-rbl.md"), rendered.linksTo());
    }

    @Test
    void wikiLinksInCodeAreText() {
        Rendered rendered = render("Here.md", "`[[Nowhere]]`\n\n```\n[[Nowhere]]\n```\n");
        assertEquals(List.of(), rendered.missing());
    }

    @Test
    void anEscapedPipeInATableCellIsAPipeInCodeToo() {
        String html = render("Here.md", """
                | command | what |
                |---|---|
                | `start\\|stop` | a\\|b |

                Outside a table `x\\|y` keeps its backslash.
                """).html();
        assertTrue(html.contains("<td><code>start|stop</code></td>"), html);
        assertTrue(html.contains("<td>a|b</td>"), html);
        assertTrue(html.contains("<code>x\\|y</code>"), "GFM unescapes pipes in tables only: " + html);
    }
}
