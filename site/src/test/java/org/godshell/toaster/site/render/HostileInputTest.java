package org.godshell.toaster.site.render;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.site.page.LinkTargets;
import org.godshell.toaster.site.page.Page;
import org.godshell.toaster.site.source.Limits;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pages built to break a markdown engine: each either renders (safely) or gets a notice, within seconds, and
 * never throws out of the renderer.
 */
class HostileInputTest {

    private final PageRenderer renderer = new PageRenderer(Limits.DEFAULT);

    record Case(String name, String markdown, boolean notice) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("10,000 nested quotes", ">".repeat(10_000) + " deep", true),
                new Case("nested quotes with spaces", "> ".repeat(5_000) + "deep", true),
                new Case("5,000 nested list items", nestedList(5_000), true),
                new Case("list markers on one line", "- ".repeat(3_000) + "x", true),
                new Case("ordered markers on one line", "1. ".repeat(3_000) + "x", true),
                new Case("99 nested quotes (allowed)", ">".repeat(99) + " ok", false),
                new Case("50,000 open brackets", "[".repeat(50_000), false),
                new Case("50,000 link openers", "[a](".repeat(20_000), false),
                new Case("nested links", "[".repeat(5_000) + "x" + "](y)".repeat(5_000), false),
                new Case("50,000 emphasis markers", "*_".repeat(25_000), false),
                new Case("50,000 backticks", "`".repeat(50_000), false),
                new Case("10,000 wiki-link openers", "[[".repeat(10_000), false),
                new Case("10,000 wiki links", "[[a|b]]".repeat(10_000), false),
                new Case("10,000 heading links", "## h\n\n" + "[[#h]] [[#nope]] ".repeat(5_000), false),
                new Case("a 100,000-character heading link", "[[#" + "x".repeat(100_000) + "]]", false),
                new Case("5,000 equal headings", "## h\n".repeat(5_000) + "[[#h]] [[#h-4999]]", false),
                new Case("unclosed HTML", "<div>".repeat(20_000), false),
                new Case("deep inline HTML", "<span>".repeat(20_000) + "x" + "</span>".repeat(20_000), false),
                new Case("a table of 2,000 columns", "|a".repeat(2_000) + "|\n" + "|-".repeat(2_000) + "|\n", false),
                new Case("one long line", "x".repeat(900_000), false),
                new Case("many footnote references", "[^a]".repeat(10_000) + "\n\n[^a]: note", false),
                new Case("link reference bomb", "[a]: b\n".repeat(10_000) + "[a]".repeat(10_000), false));
    }

    private static String nestedList(int depth) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            out.append("  ".repeat(i)).append("- item\n");
        }
        return out.toString();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void rendersOrGivesANotice(Case hostile) {
        Page page = new Page("Hostile.md", "Hostile.html", "Hostile", List.of(), List.of(), Optional.empty(),
                Optional.of(hostile.markdown()), Optional.empty());
        Rendered rendered = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> renderer.render(page, new LinkTargets(List.of(page), new ArrayList<>())));
        if (hostile.notice()) {
            assertTrue(rendered.notice().isPresent(), "expected a notice");
        }
        XssTest.assertSafe(rendered.html());
    }
}
