package org.godshell.toaster.site.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.site.output.Views;
import org.godshell.toaster.site.source.Warning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The lines a push prints: {@link Printable}, {@link LinkLines} and {@link PushReport} on ordinary and hostile input. */
class PushReportTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Plain page          | Plain page
            Café ü 日本          | Café ü 日本
            back\\slash         | back\\\\slash
            """)
    void printableKeepsWhatIsReadable(String in, String out) {
        assertEquals(out, Printable.of(in, 100));
    }

    @Test
    void printableEscapesControlAndFormatCharacters() {
        assertEquals("\\u001b[31mred\\u000d\\u0085\\u202eexe\\u2028\\ud800", Printable.of(
                "\u001b[31mred\r\u0085\u202eexe\u2028\ud800", 100));
    }

    @Test
    void printableCutsLongValues() {
        assertEquals("x".repeat(120) + "...", Printable.of("x".repeat(100_000), 120));
        assertEquals("", Printable.of("", 120));
    }

    @Test
    void linkLinesFindsEveryFormOfTheLink() {
        String page = "---\ntitle: T\n---\n[[A]]\n[[label|A]] and [[B]]\n[[ A #sec]]\n[[A B]]\r\n[[A]]";
        assertEquals(List.of(4, 5, 6, 8), LinkLines.of(page, "A"));
        assertEquals(List.of(5), LinkLines.of(page, "B"));
    }

    @Test
    void linkLinesSurvivesMalformedBrackets() {
        assertEquals(List.of(), LinkLines.of("[[A\nA]]\n[[\n]]]]\n[[[[", "A"));
        assertEquals(List.of(1), LinkLines.of("[[ [[A]]", "A"));
        assertEquals(List.of(), LinkLines.of("", "A"));
        assertEquals(List.of(1), LinkLines.of("[[x]]".repeat(10_000) + "[[A]]", "A"));
    }

    @Test
    void aBrokenLinkWithoutAKnownLineNamesThePage() {
        Views.Broken link = new Views.Broken(new Views.Link("T", "T.html"), "T.md", "Split\nTarget");
        assertEquals(List.of("wiki: T.md: broken link: [[Split\\u000aTarget]] names no page"),
                PushReport.lines(List.of(), List.of(link), path -> Optional.of("[[Split\nTarget]]")));
        assertEquals(List.of("wiki: T.md: broken link: [[Split\\u000aTarget]] names no page"),
                PushReport.lines(List.of(), List.of(link), path -> Optional.empty()));
    }

    @Test
    void warningsComeFirstAndTheWholeIsCapped() {
        List<Warning> warnings = List.of(new Warning("", "more than 3 files"), new Warning("a\u001b.md", "odd"));
        List<Views.Broken> broken = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            broken.add(new Views.Broken(new Views.Link("H", "H.html"), "H.md", "M" + i));
        }
        Map<String, String> sources = Map.of("H.md", "x\n[[M0]]\n");
        List<String> lines = PushReport.lines(warnings, broken, path -> Optional.ofNullable(sources.get(path)));
        assertEquals(PushReport.MAX_LINES + 1, lines.size());
        assertEquals("wiki: warning: wiki: more than 3 files", lines.get(0));
        assertEquals("wiki: warning: a\\u001b.md: odd", lines.get(1));
        assertEquals("wiki: H.md:2: broken link: [[M0]] names no page", lines.get(2));
        assertEquals("wiki: ... and 12 more: see the wiki's link report (_report.html)", lines.getLast());
        assertTrue(PushReport.lines(List.of(), List.of(), path -> Optional.empty()).isEmpty());
    }

    @Test
    void aWarningAboutOneLineNamesPageAndLine() {
        List<String> lines = PushReport.lines(List.of(new Warning("Guide.md", 3, "front matter: unknown key 'x'"),
                new Warning("big.png", "is 9 bytes, over the limit of 8"), new Warning("", 0, "more than 3 files")),
                List.of(), path -> Optional.empty());
        assertEquals(List.of("wiki: warning: Guide.md:3: front matter: unknown key 'x'",
                "wiki: warning: big.png: is 9 bytes, over the limit of 8", "wiki: warning: wiki: more than 3 files"),
                lines);
    }

    @Test
    void aLineCannotBeNegative() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Warning("a.md", -1, "x"));
    }

    @Test
    void aLinkOnMoreLinesThanFitIsCountedWithTheRest() {
        Views.Broken link = new Views.Broken(new Views.Link("H", "H.html"), "H.md", "M");
        List<String> lines = PushReport.lines(List.of(), List.of(link), path -> Optional.of("[[M]]\n".repeat(50)));
        assertEquals(PushReport.MAX_LINES + 1, lines.size());
        assertEquals("wiki: H.md:30: broken link: [[M]] names no page", lines.get(PushReport.MAX_LINES - 1));
        assertEquals("wiki: ... and 1 more: see the wiki's link report (_report.html)", lines.getLast());
    }

    @Test
    void onlyTheLinksShownAreLookedUp() {
        List<Views.Broken> broken = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            broken.add(new Views.Broken(new Views.Link("H", "H.html"), "H.md", "M" + i));
        }
        List<String> looked = new ArrayList<>();
        List<String> lines = PushReport.lines(List.of(), broken, path -> {
            looked.add(path);
            return Optional.empty();
        });
        assertEquals(PushReport.MAX_LINES, looked.size());
        assertEquals("wiki: ... and 99970 more: see the wiki's link report (_report.html)", lines.getLast());
    }
}
