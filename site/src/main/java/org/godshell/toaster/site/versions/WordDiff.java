package org.godshell.toaster.site.versions;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/**
 * The difference between two texts as a run of kept, deleted and inserted pieces: word by word (JGit's
 * {@link HistogramDiff} over {@link Tokens}) up to {@value #MAX_TOKENS} tokens a side, line by line beyond.
 *
 * <p>The histogram diff is linear on ordinary text; on text where one token repeats beyond its chain limit it
 * would fall back to Myers' diff, quadratic on hostile input, so the fallback is off: such a region is shown
 * as deleted and inserted whole, which is still correct, only coarser.
 */
final class WordDiff {

    static final int MAX_TOKENS = 60_000;

    /** One piece of the result: {@code kind} is same, del or ins. */
    record Piece(String kind, String text) {
    }

    /** The pieces, and whether the texts were too large to compare word by word (then lines were compared). */
    record Result(List<Piece> pieces, boolean byLine) {
        Result {
            pieces = List.copyOf(pieces);
        }
    }

    private WordDiff() {
    }

    static Result compare(String before, String after) {
        Tokens a = Tokens.of(before, MAX_TOKENS);
        Tokens b = Tokens.of(after, MAX_TOKENS);
        if (a != null && b != null) {
            EditList edits = histogram().diff(Tokens.COMPARATOR, a, b);
            return new Result(pieces(edits, a.size(), (from, to) -> a.join(from, to), (from, to) -> b.join(from, to)),
                    false);
        }
        RawText left = new RawText(before.getBytes(StandardCharsets.UTF_8));
        RawText right = new RawText(after.getBytes(StandardCharsets.UTF_8));
        EditList edits = histogram().diff(RawTextComparator.DEFAULT, left, right);
        return new Result(pieces(edits, left.size(), (from, to) -> lines(left, from, to),
                (from, to) -> lines(right, from, to)), true);
    }

    private static HistogramDiff histogram() {
        HistogramDiff diff = new HistogramDiff();
        diff.setFallbackAlgorithm(null);
        return diff;
    }

    /** Text of a range of a sequence. */
    private interface Slice {
        String text(int from, int to);
    }

    private static List<Piece> pieces(EditList edits, int sizeA, Slice a, Slice b) {
        List<Piece> pieces = new ArrayList<>();
        int at = 0;
        for (Edit edit : edits) {
            add(pieces, "same", a.text(at, edit.getBeginA()));
            add(pieces, "del", a.text(edit.getBeginA(), edit.getEndA()));
            add(pieces, "ins", b.text(edit.getBeginB(), edit.getEndB()));
            at = edit.getEndA();
        }
        add(pieces, "same", a.text(at, sizeA));
        return pieces;
    }

    private static void add(List<Piece> pieces, String kind, String text) {
        if (!text.isEmpty()) {
            pieces.add(new Piece(kind, text));
        }
    }

    private static String lines(RawText text, int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int line = from; line < to; line++) {
            out.append(text.getString(line));
            if (line + 1 < text.size() || !text.isMissingNewlineAtEnd()) {
                out.append('\n');
            }
        }
        return out.toString();
    }
}
