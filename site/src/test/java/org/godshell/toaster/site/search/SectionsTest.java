package org.godshell.toaster.site.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SectionsTest {

    @Test
    void headingsCutTheTextAndNameTheirSections() {
        List<SearchDocument.Section> sections = Sections.of("<p>Intro <b>bold</b></p><h1 id=\"t\">Title</h1>"
                + "<p>one</p><ul><li>two</li><li>three</li></ul><h2 id=\"s\"><a href=\"#s\">§</a>Sub &amp; more</h2>"
                + "<pre><code>code\nlines</code></pre><h3 id=\"empty\">Empty</h3>");
        assertEquals(List.of(new SearchDocument.Section(0, "", "", "Intro bold"),
                new SearchDocument.Section(1, "t", "Title", "one two three"),
                new SearchDocument.Section(2, "s", "§Sub & more", "code lines"),
                new SearchDocument.Section(3, "empty", "Empty", "")), sections);
    }

    /** The loop that replaced a regex gives what {@code replaceAll("\\s+", " ")} gave, on hostile text too. */
    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a", "  a  b  ", "\t\n\u000b\f\r x \r\n",
        "no\u00a0break\u2003em\u3000ideographic", "\u0000\u0001 \u001c\u001f", "tail   ", "x\ty\nz"})
    void whitespaceRunsCollapseAsTheRegexDid(String text) {
        assertEquals(text.replaceAll("\\s+", " "), Sections.collapsed(text));
        assertEquals(text.repeat(1000).replaceAll("\\s+", " "), Sections.collapsed(text.repeat(1000)));
    }

    @Test
    void markupInTheTextStaysText() {
        List<SearchDocument.Section> sections = Sections.of("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
        assertEquals("<script>alert(1)</script>", sections.getFirst().text());
    }

    @Test
    void everySectionAnchorOfThePublishedWikiIsAnIdOnItsPage(@TempDir Path dir) throws IOException {
        Path site = PublishedWiki.build(dir);
        List<SearchDocument> pages = DocumentsFile.read(Files.readAllBytes(site.resolve(DocumentsFile.PATH)));
        assertTrue(pages.size() > 30, "the wiki's pages: " + pages.size());
        int anchors = 0;
        for (SearchDocument page : pages) {
            Path file = site.resolve(URLDecoder.decode(page.url(), StandardCharsets.UTF_8));
            Document html = Jsoup.parse(Files.readString(file));
            assertFalse(page.sections().isEmpty(), page.url());
            for (SearchDocument.Section section : page.sections()) {
                if (!section.anchor().isEmpty()) {
                    assertEquals(section.heading(), html.getElementById(section.anchor()).text(), page.url());
                    anchors++;
                }
            }
        }
        assertTrue(anchors > 300, "anchors checked: " + anchors);
    }
}
