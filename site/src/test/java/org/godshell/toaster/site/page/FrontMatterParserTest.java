package org.godshell.toaster.site.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrontMatterParserTest {

    @Test
    void readsTheFourKeys() {
        FrontMatterParser.Parsed parsed = FrontMatterParser.parse("""
                ---
                title: "Plugin: rbl"
                # a comment
                tags: [mail, "anti spam", 'dns']
                aliases:
                  - RBL
                  - "Block lists"
                order: -5
                ---
                # Body
                """);
        FrontMatter front = parsed.frontMatter();
        assertEquals(Optional.of("Plugin: rbl"), front.title());
        assertEquals(List.of("mail", "anti spam", "dns"), front.tags());
        assertEquals(List.of("RBL", "Block lists"), front.aliases());
        assertEquals(Optional.of(-5), front.order());
        assertEquals("# Body\n", parsed.body());
        assertEquals(List.of(), parsed.problems());
    }

    @Test
    void noFrontMatterLeavesTheTextAlone() {
        FrontMatterParser.Parsed parsed = FrontMatterParser.parse("# Title\n---\n");
        assertEquals(FrontMatter.NONE, parsed.frontMatter());
        assertEquals("# Title\n---\n", parsed.body());
    }

    @Test
    void anUnclosedBlockIsTextWithAProblem() {
        FrontMatterParser.Parsed parsed = FrontMatterParser.parse("---\ntitle: x\n" + "a\n".repeat(200));
        assertEquals(FrontMatter.NONE, parsed.frontMatter());
        assertTrue(parsed.body().startsWith("---\ntitle: x"));
        assertEquals(1, parsed.problems().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "title: [a, b]", "title: &anchor x", "title: *alias", "title: !!python/object:os.system x",
        "title: |", "title: \"unterminated", "title: 'unterminated", "title: \"x\" trailing",
        "title: \"bad \\u0041 escape\"", "order: 1e9", "order: 99999999", "order: ten", "order: 2000000",
        "tags: [a, [nested]]", "tags: [a, {b: c}]", "tags: [a,, b]", "tags: [\"open]", "unknown: key",
        "no colon here", "  indented: key", "title: \u0001control", ":empty key",
        "section: [Getting started]", "section: {a: b}", "section: &anchor Mail", "section: *alias",
        "section: |", "section: >", "section: \"unterminated", "section: 'unterminated",
        "section: \"Mail\" trailing", "section: tab\there", "section: escape\u001b[31m",
    })
    void hostileLinesAreProblemsNotCrashes(String line) {
        FrontMatterParser.Parsed parsed = FrontMatterParser.parse("---\n" + line + "\n---\nbody");
        assertFalse(parsed.problems().isEmpty(), () -> "no problem reported for " + line);
        assertEquals("body", parsed.body());
        assertEquals(2, parsed.problems().getFirst().line());
        assertTrue(parsed.problems().getFirst().toString().startsWith("front matter line 2: "));
    }

    @Test
    void limitsAreEnforced() {
        String tags = "tags: [" + "t,".repeat(60) + "t]";
        String title = "title: " + "x".repeat(300);
        FrontMatterParser.Parsed parsed = FrontMatterParser.parse("---\n" + tags + "\n" + title + "\n---\n");
        assertEquals(2, parsed.problems().size(), parsed.problems()::toString);
        assertEquals(FrontMatter.NONE, parsed.frontMatter());
    }

    @Test
    void readsASection() {
        FrontMatterParser.Parsed parsed = FrontMatterParser.parse("---\nsection: \"Mail: server\" \n---\n");
        assertEquals(Optional.of("Mail: server"), parsed.frontMatter().section());
        assertEquals(List.of(), parsed.problems());
    }

    @Test
    void aSectionIsPlainTextOfAtMostAHundredCharacters() {
        String longest = "s".repeat(FrontMatterParser.MAX_SECTION);
        assertEquals(Optional.of(longest),
                FrontMatterParser.parse("---\nsection: " + longest + "\n---\n").frontMatter().section());
        FrontMatterParser.Parsed tooLong = FrontMatterParser.parse("---\nsection: " + longest + "s\n---\n");
        assertEquals(Optional.empty(), tooLong.frontMatter().section());
        assertEquals(List.of(new FrontMatterParser.Problem(2, "section: longer than 100 characters")),
                tooLong.problems());
        // markup is text here; the templates escape it where it is shown
        assertEquals(Optional.of("<script>alert(1)</script>"),
                FrontMatterParser.parse("---\nsection: <script>alert(1)</script>\n---\n").frontMatter().section());
    }

    @Test
    void anEmptySectionIsNoSection() {
        FrontMatterParser.Parsed parsed = FrontMatterParser.parse("---\nsection: \"  \"\nsection:\n---\n");
        assertEquals(Optional.empty(), parsed.frontMatter().section());
        assertEquals(List.of(), parsed.problems());
    }

    @Test
    void aHugeFrontMatterIsBoundedWork() {
        String text = "---\n" + "title: x\n".repeat(100_000) + "---\n";
        FrontMatterParser.Parsed parsed = FrontMatterParser.parse(text);
        assertEquals(FrontMatter.NONE, parsed.frontMatter());
    }

    /** Line ends in the body are what a split at "\r?\n" joined with "\n" gives; a lone CR stays. */
    @ParameterizedTest
    @ValueSource(strings = {
        "---\r\ntitle: x\r\n---\r\nline one\r\nline two\r\n", "---\ntitle: x\n---", "---\ntitle: x\n---\n",
        "---\ntitle: x\n---\nlone\rcarriage\r\r\nreturns\r", "---\r\n---\r\n\r\n\r\n",
        "---\ntitle: x\n...\n---\nbody after dots\n"
    })
    void theBodyKeepsItsLinesAsASplitAndJoinWould(String text) {
        String[] lines = text.split("\r?\n", -1);
        int end = List.of(lines).subList(1, lines.length).indexOf("---");
        int dots = List.of(lines).subList(1, lines.length).indexOf("...");
        int close = 1 + (dots >= 0 && (end < 0 || dots < end) ? dots : end);
        String expected = String.join("\n", List.of(lines).subList(close + 1, lines.length));
        assertEquals(expected, FrontMatterParser.parse(text).body());
    }

    @Test
    void aPageWithoutFrontMatterIsReturnedAsItIs() {
        String text = "# Title\r\n\r\nbody\r\n" + "line\n".repeat(10_000);
        assertEquals(text, FrontMatterParser.parse(text).body());
    }

    @Test
    void aClosingLineAtTheHundredthLineIsFoundAndOneLaterIsNot() {
        String at100 = "---\n" + "# comment\n".repeat(99) + "---\nbody\n";
        assertEquals("body\n", FrontMatterParser.parse(at100).body());
        String at101 = "---\n" + "# comment\n".repeat(100) + "---\nbody\n";
        assertEquals(at101, FrontMatterParser.parse(at101).body());
        assertEquals(1, FrontMatterParser.parse(at101).problems().size());
    }
}
