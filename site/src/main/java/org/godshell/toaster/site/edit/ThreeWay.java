package org.godshell.toaster.site.edit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.merge.MergeAlgorithm;
import org.eclipse.jgit.merge.MergeFormatter;
import org.eclipse.jgit.merge.MergeResult;

/**
 * The merge of two edits of one page by line, as git merges files: the text at the editor's base commit, the
 * editor's text ("yours") and the text on main now ("theirs"). Conflicting lines are kept both, between git's
 * conflict markers, for the editor to resolve; and the other person's change is shown as a unified diff.
 */
final class ThreeWay {

    record Merged(String text, boolean conflicts) {
    }

    private ThreeWay() {
    }

    static Merged merge(String base, String yours, String theirs) throws IOException {
        MergeResult<RawText> result = new MergeAlgorithm(histogram()).merge(RawTextComparator.DEFAULT, raw(base), raw(yours),
                raw(theirs));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MergeFormatter().formatMerge(out, result, List.of("base", "yours", "theirs (saved meanwhile)"),
                StandardCharsets.UTF_8);
        return new Merged(out.toString(StandardCharsets.UTF_8), result.containsConflicts());
    }

    /** The change from {@code before} to {@code after} as a unified diff with three lines of context. */
    static String diff(String before, String after) throws IOException {
        RawText a = raw(before);
        RawText b = raw(after);
        EditList edits = histogram().diff(RawTextComparator.DEFAULT, a, b);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter formatter = new DiffFormatter(out)) {
            formatter.format(edits, a, b);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Histogram diff without its fallback: on lines repeated past its chain limit JGit falls back to Myers, which
     * is quadratic in the text; without it such a region is one replaced block, found in linear time. A submitted
     * page could otherwise hold the server for minutes.
     */
    private static HistogramDiff histogram() {
        HistogramDiff diff = new HistogramDiff();
        diff.setFallbackAlgorithm(null);
        return diff;
    }

    private static RawText raw(String text) {
        return new RawText(text.getBytes(StandardCharsets.UTF_8));
    }
}
