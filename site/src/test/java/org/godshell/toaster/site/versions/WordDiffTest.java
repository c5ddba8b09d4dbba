package org.godshell.toaster.site.versions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Word tokens, the diff over them, and its bounds on huge and hostile text. */
class WordDiffTest {

    @Test
    void tokensAreWordsSpaceRunsAndSingleMarks() {
        Tokens tokens = Tokens.of("Hello,  wörld! **x**\n", 100);
        assertEquals(List.of("Hello", ",", "  ", "wörld", "!", " ", "*", "*", "x", "*", "*", "\n"),
                pieces(tokens));
        assertEquals("Hello,  wörld! **x**\n", tokens.join(0, tokens.size()), "joined, the text comes back");
        assertNull(Tokens.of("a b c", 4), "over the cap");
        assertEquals(0, Tokens.of("", 10).size());
        assertEquals(List.of("😀", "😀"), pieces(Tokens.of("😀😀", 10)), "a surrogate pair stays whole");
    }

    @Test
    void changedWordsAreDeletedAndInserted() {
        WordDiff.Result diff = WordDiff.compare("The quick brown fox.", "The quick red fox!");
        assertFalse(diff.byLine());
        assertEquals("The quick [-brown-]{+red+} fox[-.-]{+!+}", shown(diff));
    }

    @Test
    void createdAndDeletedPagesAreAllInsertedOrAllDeleted() {
        assertEquals("{+new text+}", shown(WordDiff.compare("", "new text")));
        assertEquals("[-old text-]", shown(WordDiff.compare("old text", "")));
        assertEquals("same", shown(WordDiff.compare("same", "same")));
    }

    @Test
    void aHugePageIsComparedLineByLine() {
        String before = "word ".repeat(WordDiff.MAX_TOKENS) + "\nlast line\n";
        String after = "word ".repeat(WordDiff.MAX_TOKENS) + "\nlast changed line\n";
        WordDiff.Result diff = WordDiff.compare(before, after);
        assertTrue(diff.byLine());
        assertEquals(List.of("same", "del", "ins"), diff.pieces().stream().map(WordDiff.Piece::kind).toList());
        assertEquals("last changed line\n", diff.pieces().get(2).text());
    }

    @Test
    void repetitiveTextWithinTheCapStillGivesAnExactResult() {
        String before = "a ".repeat(WordDiff.MAX_TOKENS / 2 - 10);
        String after = "a b ".repeat(WordDiff.MAX_TOKENS / 4 - 10);
        WordDiff.Result diff = WordDiff.compare(before, after);
        String rebuiltBefore = diff.pieces().stream().filter(p -> !p.kind().equals("ins")).map(WordDiff.Piece::text)
                .collect(Collectors.joining());
        String rebuiltAfter = diff.pieces().stream().filter(p -> !p.kind().equals("del")).map(WordDiff.Piece::text)
                .collect(Collectors.joining());
        assertEquals(before, rebuiltBefore);
        assertEquals(after, rebuiltAfter);
    }

    private static List<String> pieces(Tokens tokens) {
        return java.util.stream.IntStream.range(0, tokens.size()).mapToObj(i -> tokens.join(i, i + 1)).toList();
    }

    private static String shown(WordDiff.Result diff) {
        return diff.pieces().stream().map(p -> switch (p.kind()) {
            case "del" -> "[-" + p.text() + "-]";
            case "ins" -> "{+" + p.text() + "+}";
            default -> p.text();
        }).collect(Collectors.joining());
    }
}
