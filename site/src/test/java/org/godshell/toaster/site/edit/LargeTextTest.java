package org.godshell.toaster.site.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large and repetitive pages through Save: the merge and its diff stay histogram diffs (no quadratic fallback)
 * and still come to the right outcome; a text over the page size limit is refused before any merge.
 */
class LargeTextTest {

    private static final String PAGE = "Big.md";
    private static final int LINES = 20_000;

    @TempDir
    Path tmp;
    EditFixture wiki;
    EditFixture.Browser ann;
    EditFixture.Browser bea;

    @BeforeEach
    void start() throws Exception {
        wiki = new EditFixture(tmp);
        ann = wiki.browser();
        bea = wiki.browser();
        assertEquals(303, ann.login(EditFixture.EDITOR, EditFixture.PASSWORD).statusCode());
        assertEquals(303, bea.login(EditFixture.EDITOR, EditFixture.PASSWORD).statusCode());
    }

    @AfterEach
    void stop() throws Exception {
        wiki.close();
    }

    private String text() throws Exception {
        return PageFiles.text(wiki.repository, PageFiles.main(wiki.repository), PAGE, 1 << 20).orElseThrow();
    }

    /** A page: a head line, {@code body} as a code block, a foot line. */
    private static String page(String head, String body, String foot) {
        return head + "\n\n```\n" + body + "```\n\n" + foot + "\n";
    }

    private void create(String text) throws Exception {
        HttpResponse<String> made = ann.save(ann.open(PAGE), text, "");
        assertEquals(200, made.statusCode(), made.body());
    }

    @Test
    void editsAroundALargeRepetitiveBlockAreMerged() throws Exception {
        String body = "a\nb\n".repeat(LINES / 2);
        create(page("# Big", body, "the end"));
        EditFixture.Editor first = ann.open(PAGE);
        EditFixture.Editor second = bea.open(PAGE);
        assertEquals(200, ann.save(first, page("# Big by ann", body, "the end"), "ann").statusCode());
        HttpResponse<String> merged = bea.save(second, page("# Big", body, "the end by bea"), "bea");
        assertEquals(200, merged.statusCode(), merged.body());
        assertEquals(page("# Big by ann", body, "the end by bea"), text());
    }

    @Test
    void aRewrittenRepetitiveBlockAgainstAnotherChangeIsAConflict() throws Exception {
        String body = "a\nb\n".repeat(LINES / 2);
        create(page("# Big", body, "the end"));
        EditFixture.Editor first = ann.open(PAGE);
        EditFixture.Editor second = bea.open(PAGE);
        String anns = page("# Big", "A\n" + body.substring(2), "the end");
        assertEquals(200, ann.save(first, anns, "ann").statusCode());
        ObjectId afterAnn = wiki.main();
        HttpResponse<String> conflict = bea.save(second, page("# Big", "b\n".repeat(LINES / 2)
                + "a\n".repeat(LINES / 2), "the end"), "bea");
        assertEquals(409, conflict.statusCode(), conflict.body().substring(0, 2000));
        assertTrue(conflict.body().contains("&lt;&lt;&lt;&lt;&lt;&lt;&lt; yours"));
        assertEquals(afterAnn, wiki.main(), "nothing committed");
        assertEquals(anns, text());
    }

    @Test
    void aTextOverThePageLimitIsRefusedUnmerged() throws Exception {
        EditFixture.Editor editor = ann.open("Home.md");
        ObjectId before = wiki.main();
        HttpResponse<String> refused = ann.save(editor, "x".repeat((1 << 20) + 1), "");
        assertEquals(413, refused.statusCode());
        assertTrue(refused.body().contains("larger than a page may be"));
        assertEquals(before, wiki.main());
    }
}
