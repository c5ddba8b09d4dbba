package org.godshell.toaster.site.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.Test;

class SnippetsTest {

    private final Analyzer analyzer = WikiAnalyzer.create();
    private final Snippets snippets = new Snippets(analyzer);

    private Query query(String typed) {
        return Ranking.of(UserQuery.read(typed, analyzer), false);
    }

    @Test
    void stemmedWordsAreMarkedAndTheRestIsText() throws IOException {
        List<Snippets.Segment> snippet = snippets.of(query("greylisting"),
                "Mail is <b>greylisted</b> & retried; greylist=on.");
        assertEquals(List.of(new Snippets.Segment("Mail is <b>", false), new Snippets.Segment("greylisted", true),
                new Snippets.Segment("</b> & retried; ", false), new Snippets.Segment("greylist", true),
                new Snippets.Segment("=on.", false)), snippet);
    }

    @Test
    void aLongSentenceIsCutBetweenWordsAroundItsFirstHit() throws IOException {
        String text = "alpha ".repeat(200) + "needle " + "omega ".repeat(200);
        List<Snippets.Segment> snippet = snippets.of(query("needle"), text);
        String shown = snippet.stream().map(Snippets.Segment::text).collect(Collectors.joining());
        assertTrue(shown.startsWith("…alpha ") && shown.endsWith("omega…"), shown);
        assertTrue(shown.length() <= Snippets.LENGTH * 2 + 2, "length " + shown.length());
        assertEquals(1, snippet.stream().filter(Snippets.Segment::hit).count());
    }

    @Test
    void withoutAHitTheSectionStartIsShownAndEmptyTextGivesNothing() throws IOException {
        assertEquals(List.of(new Snippets.Segment("Nothing to see.", false)),
                snippets.of(query("greylist"), "Nothing to see."));
        assertEquals(List.of(), snippets.of(query("greylist"), ""));
    }
}
