package org.godshell.toaster.site.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vladsch.flexmark.ast.HtmlEntity;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.ext.admonition.AdmonitionExtension;
import com.vladsch.flexmark.ext.autolink.AutolinkExtension;
import com.vladsch.flexmark.util.misc.Extension;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.godshell.toaster.site.page.LinkTargets;
import org.godshell.toaster.site.page.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link AutolinkGuard} and {@link AdmonitionGuard} only skip work: every page renders byte for byte as with
 * Flexmark's own autolink and admonition extensions, in the same set-up, pages that use the syntax and pages
 * built to trip a guard (markers in odd places, entities and escapes that unescape into a link, huge and deeply
 * nested pages, and a seeded mix of all of it).
 */
class ExtensionGuardsTest {

    private static final Markdown GUARDED = new Markdown();
    private static final Markdown STOCK = new Markdown(Markdown.extensions().stream()
            .map(ExtensionGuardsTest::stock).toList());
    private static final Page PAGE = new Page("Here.md", "Here.html", "Here", List.of(), List.of(), Optional.empty(),
            Optional.of(""), Optional.empty());

    private static Extension stock(Extension extension) {
        return switch (extension) {
            case AutolinkGuard guard -> AutolinkExtension.create();
            case AdmonitionGuard guard -> AdmonitionExtension.create();
            default -> extension;
        };
    }

    private static String html(Markdown markdown, String page) {
        StringBuilder out = new StringBuilder();
        markdown.toHtml(page, new LinkCollector(new LinkTargets(List.of(PAGE), new ArrayList<>()), PAGE), out);
        return out.toString();
    }

    private static void assertSame(String page) {
        assertEquals(html(STOCK, page), html(GUARDED, page), () -> "renders differently: " + page);
    }

    static Stream<String> pages() {
        return Stream.of(
                // autolinks as pages write them, in every block and inline that holds text
                "See https://example.org/a?b=c, www.example.com and mail@example.org.\n",
                "# Heading https://h.example\n\n| a | b |\n|---|---|\n| www.t.example | c@d.example |\n",
                "- item ftp://files.example/x\n> quote www.q.example\n\nnote[^1]\n\n[^1]: https://fn.example\n",
                "**www.bold.example** _x@y.example_ ~~https://s.example~~ [text](https://l.example)\n"
                        + "<https://a.example>\n",
                "`https://code.example` and\n\n    https://indented.example\n\n```\nwww.fenced.example\n```\n",
                "[[Here]] https://after.example [[label|Here]] a@b.example [[#nope]]\n",
                // text that only unescaping or joining makes a link of, or that looks like one and is not
                "http&#58;//entity.example and ww&#119;.entity.example and x&#64;entity.example\n",
                "http\\://escaped.example www\\.escaped.example a\\@escaped.example &amp; &copy; &#x3a;\n",
                "foo:// bar: :// www www. WWW.UPPER.EXAMPLE Http://Cap.example 1http://x é://x a+b.c-d://x ww w.\n",
                "trailing colon:\ntrailing at@\ntrailing www\nw\nww\n:\n@\n\\\n&\n",
                "www\u001f.marker.example and \u001f alone\n",
                // admonitions, and their markers where they open nothing
                "!!! note\n    Body https://in.example\n\n??? tip \"Title\"\n    x\n\n???+ warning\n    y\n",
                "   !!! note \"three spaces\"\n    body\n\n    !!! note\n\nparagraph\n!!! note\n    interrupts\n",
                "- !!! note\n      in a list\n\n> !!! note\n>     in a quote\n\n1. ??? tip\n       x\n",
                "!!!note\n\n\\!!! note\n\n!! note\n\n!?! note\n\n!!!\n\n???\n\n!!! \n\n!!! \"only title\"\n",
                "```\n!!! note\n```\n\n| !!! note | ??? |\n|---|---|\n| a | b |\n\n[[!!! note]] `!!! x`\n",
                "!!!",
                "??",
                "",
                // hostile: huge, deeply nested, long runs of the markers
                ("word ".repeat(40) + "www.x.example a@b.example http://h.example/ ww w: @ &amp;\n").repeat(5_000)
                        + "\n!!! note\n    body www.adm.example\n\nText.\n".repeat(1_000),
                nested(60),
                "!".repeat(50_000) + "\n" + "?".repeat(50_000) + "\n" + "w".repeat(50_000) + ".\n",
                ":".repeat(20_000) + " " + "@".repeat(20_000) + " " + "www.".repeat(10_000) + "\n");
    }

    private static String nested(int depth) {
        StringBuilder page = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            page.append("> ".repeat(i)).append("!!! note www.deep.example\n");
        }
        return page.toString();
    }

    @ParameterizedTest
    @MethodSource("pages")
    void rendersAsFlexmarksOwnExtensions(String page) {
        assertSame(page);
    }

    @Test
    void aSeededMixOfTheSyntaxRendersAsFlexmarksOwn() {
        String[] parts = {"https://x.example/a", "www.x.example", "a@b.example", "x:y", "&#58;", "&#119;", "&amp;",
            "\\:", "\\.", "www", "w", ":", "@", "!!! note", "??? tip \"T\"", "???+", "!!!", "[[Here]]", "[^1]",
            "`c`", "**b**", "- ", "> ", "    ", "| a |", "word", "\u001f"};
        Random random = new Random(7);
        for (int n = 0; n < 300; n++) {
            StringBuilder page = new StringBuilder();
            for (int line = random.nextInt(20); line >= 0; line--) {
                for (int part = random.nextInt(6); part >= 0; part--) {
                    page.append(parts[random.nextInt(parts.length)]).append(random.nextBoolean() ? " " : "");
                }
                page.append(random.nextInt(4) == 0 ? "\n\n" : "\n");
            }
            assertSame(page.toString());
        }
    }

    @Test
    void pagesThatUseTheSyntaxStillGetIt() {
        String html = html(GUARDED, "See https://example.org/a and www.example.com and a@b.example.\n\n"
                + "!!! warning \"Careful\"\n    Body.\n");
        assertTrue(html.contains("<a href=\"https://example.org/a\">https://example.org/a</a>"), html);
        assertTrue(html.contains("<a href=\"http://www.example.com\">www.example.com</a>"), html);
        assertTrue(html.contains("<a href=\"mailto:a@b.example\">a@b.example</a>"), html);
        assertTrue(html.contains("<div class=\"adm-block adm-warning\">"), html);
        assertTrue(html.contains("Careful"), html);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"!!! note;0;true", "??? tip;0;true", "???+ x;0;true", "'  !!! note';2;true",
        "!!!;0;true", "!!;0;false", "!?!;0;false", "?!?;0;false", "note !!!;0;false", "'  !!!';0;false",
        "!!!;1;false", "!!!;3;false", "x;5;false"})
    void aLineMayOpenAnAdmonitionOnlyWithAMarkerWhereItsTextStarts(String line, int start, boolean opens) {
        assertEquals(opens, AdmonitionGuard.mayOpen(line, start));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"plain words|false", "WWW.UPPER.EXAMPLE|false", "www|false", "ww.x|false",
        "www.x|true", "awww.x|true", "x:y|true", "a@b|true", "&amp;|true", "a\\b|true", "ends in w|false"})
    void aTextNodeMayHoldALinkOnlyWithItsMarks(String text, boolean links) {
        assertEquals(links, AutolinkGuard.mayLink(new Text(BasedSequence.of(text))));
    }

    @Test
    void aTextNodeBeforeAnEntityIsLeftToTheExtension() {
        Text text = new Text(BasedSequence.of("http"));
        Paragraph paragraph = new Paragraph();
        paragraph.appendChild(text);
        paragraph.appendChild(new HtmlEntity(BasedSequence.of("&#58;")));
        assertTrue(AutolinkGuard.mayLink(text));
        assertFalse(AutolinkGuard.mayLink(new Text(BasedSequence.of("http"))));
    }
}
