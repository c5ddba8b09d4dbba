package org.godshell.toaster.site.search;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * A section's best passage with the query's words marked, from Lucene's unified highlighter (which scores
 * passages with BM25 and highlights phrases only where the whole phrase is). The passage is returned as text
 * segments, each a hit or not, never as HTML: the browser builds the snippet with textContent.
 */
final class Snippets {

    /** Around a sentence or two; a passage over twice this is cut around its first hit. */
    static final int LENGTH = 160;
    private static final int BEFORE_HIT = 60;

    /** A piece of a snippet; {@code hit}: the query's word, shown marked. */
    record Segment(String text, boolean hit) {
    }

    private record Formatted(List<Segment> segments) {
    }

    private final UnifiedHighlighter highlighter;

    Snippets(Analyzer analyzer) {
        highlighter = UnifiedHighlighter.builderWithoutSearcher(analyzer)
                .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(
                        BreakIterator.getSentenceInstance(Locale.ROOT), LENGTH, 0.5f))
                .withHandleMultiTermQuery(true)
                .withMaxLength(DocumentsFile.MAX_SECTION)
                .withFormatter(new SegmentFormatter())
                .build();
    }

    /** The snippet of {@code text} for {@code query}: its best passage, or its start when no word is in it. */
    List<Segment> of(Query query, String text) throws IOException {
        if (highlighter.highlightWithoutSearcher(WikiIndex.TEXT, query, text, 1) instanceof Formatted formatted
                && !formatted.segments().isEmpty()) {
            return formatted.segments();
        }
        return text.isEmpty() ? List.of() : List.of(new Segment(cut(text, 0, LENGTH * 2), false));
    }

    private static String cut(String text, int from, int to) {
        return (from > 0 ? "…" : "") + text.substring(from, Math.min(to, text.length()))
                + (to < text.length() ? "…" : "");
    }

    private static final class SegmentFormatter extends PassageFormatter {
        @Override
        public Object format(Passage[] passages, String content) {
            List<Segment> segments = new ArrayList<>();
            for (Passage passage : passages) {
                int start = passage.getStartOffset();
                int end = passage.getEndOffset();
                if (end - start > LENGTH * 2) {
                    int first = passage.getNumMatches() > 0 ? passage.getMatchStarts()[0] : start;
                    int from = Math.max(start, first - BEFORE_HIT);
                    int to = Math.min(end, from + LENGTH * 2);
                    // cut between words: after the first space of the cut's start, at the last space of its end
                    int space = content.indexOf(' ', from);
                    start = from == start || space < 0 || space >= first ? from : space + 1;
                    space = content.lastIndexOf(' ', to);
                    end = to == end || space <= first ? to : space;
                }
                if (start > 0) {
                    segments.add(new Segment("…", false));
                }
                int at = start;
                for (int i = 0; i < passage.getNumMatches(); i++) {
                    int hitStart = Math.max(at, passage.getMatchStarts()[i]);
                    int hitEnd = Math.min(end, passage.getMatchEnds()[i]);
                    if (hitStart >= hitEnd) {
                        continue;                              // overlaps a hit already marked, or cut off
                    }
                    if (hitStart > at) {
                        segments.add(new Segment(content.substring(at, hitStart), false));
                    }
                    segments.add(new Segment(content.substring(hitStart, hitEnd), true));
                    at = hitEnd;
                }
                if (at < end) {
                    segments.add(new Segment(content.substring(at, end), false));
                }
                if (end < content.length()) {
                    segments.add(new Segment("…", false));
                }
            }
            return new Formatted(segments);
        }
    }
}
