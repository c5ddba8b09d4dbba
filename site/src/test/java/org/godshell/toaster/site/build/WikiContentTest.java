package org.godshell.toaster.site.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.godshell.toaster.site.TestRepo;
import org.godshell.toaster.site.page.FrontMatterParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The toaster's own documentation (wiki-content/) builds with no broken link and no warning (what --strict
 * demands, and more), every page reachable from another, and the conventions of "Page conventions" render as
 * they should: a runnable block looks like any sh block, a diagram is preformatted text, every page but Home is
 * listed under one of the sections "Page conventions" names.
 */
class WikiContentTest {

    @TempDir
    Path temp;

    @Test
    void wikiContentBuildsWithoutBrokenLinks() throws Exception {
        Path content = Path.of(System.getProperty("wiki.content", "../wiki-content"));
        try (TestRepo repo = TestRepo.bare(temp.resolve("wiki.git"))) {
            repo.commitFolder(content, "wiki-content as committed", "Toaster Docs", TestRepo.EPOCH);
        }
        // -Dwiki.out=DIR keeps a copy of the site to look at
        Path out = System.getProperty("wiki.out") != null ? Path.of(System.getProperty("wiki.out"))
                : temp.resolve("site");
        BuildReport report = WikiBuilder.build(BuildOptions.of(temp.resolve("wiki.git"), "main", out).strict(true));
        System.out.printf("wiki-content: %d pages, %d files, %d warnings, %d broken links, %d ms%n",
                report.pages(), report.files(), report.warnings().size(), report.broken().size(), report.millis());
        report.warnings().forEach(warning -> System.out.println("  warning " + warning));
        assertEquals(0, report.broken().size(), () -> "broken links: " + report.broken());
        assertEquals(List.of(), report.warnings(), "warnings");
        assertEquals(List.of(), report.orphans(), "pages no page links to");
        assertTrue(report.published());
        assertTrue(report.pages() >= 30);
        String home = Files.readString(out.resolve("index.html"), StandardCharsets.UTF_8);
        assertTrue(home.contains("Godshell Toaster"), home);
        String rbl = Files.readString(out.resolve("Plugins.html"), StandardCharsets.UTF_8);
        assertTrue(rbl.contains("href=\"Plugin-rbl.html\""), "[[rbl|Plugin: rbl]] resolves to Plugin-rbl.html");

        // ```sh runnable: the second word of the info string marks the block for the tests and is not shown
        String quick = Files.readString(out.resolve("Quick-start.html"), StandardCharsets.UTF_8);
        assertTrue(quick.contains("<pre><code class=\"language-sh\">toaster domain add example.com"), quick);
        assertFalse(quick.contains("runnable"), "the marker stays out of the page");
        String architecture = Files.readString(out.resolve("Architecture.html"), StandardCharsets.UTF_8);
        assertTrue(architecture.contains("<pre><code class=\"language-text\">"), "diagrams are preformatted text");
        assertTrue(architecture.contains("toaster smtpd"), architecture);
    }

    @Test
    void everyPageButHomeIsInOneOfTheNamedSections() throws Exception {
        Path content = Path.of(System.getProperty("wiki.content", "../wiki-content"));
        List<String> sections = List.of("Getting started", "Mail server", "Plugins", "Security", "Operations",
                "The wiki", "Development");
        String conventions = Files.readString(content.resolve("Page-conventions.md"), StandardCharsets.UTF_8);
        sections.forEach(section -> assertTrue(conventions.contains("| " + section + " |"), section));
        try (Stream<Path> pages = Files.list(content)) {
            for (Path page : pages.filter(path -> path.toString().endsWith(".md")).sorted().toList()) {
                Optional<String> section = FrontMatterParser.parse(Files.readString(page, StandardCharsets.UTF_8))
                        .frontMatter().section();
                if (page.getFileName().toString().equals("Home.md")) {
                    assertEquals(Optional.empty(), section, "Home stands above the sections");
                } else {
                    assertTrue(section.isPresent() && sections.contains(section.get()),
                            () -> page.getFileName() + ": section " + section);
                }
            }
        }
    }
}
