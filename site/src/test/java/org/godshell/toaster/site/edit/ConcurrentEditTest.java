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
 * Two editors open one page at the same commit and both save: a change on other lines is merged and committed,
 * a change on the same lines is shown as a conflict and nothing is committed, never one overwriting the other.
 */
class ConcurrentEditTest {

    private static final String PAGE = "Other-Page.md";

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

    @Test
    void changesOnOtherLinesAreMerged() throws Exception {
        EditFixture.Editor first = ann.open(PAGE);
        EditFixture.Editor second = bea.open(PAGE);
        assertEquals(200, ann.save(first, "# Other page\n\nline ONE by ann\n\nline two\n\nline three\n", "ann")
                .statusCode());
        HttpResponse<String> merged = bea.save(second, "# Other page\n\nline one\n\nline two\n\nline THREE by bea\n",
                "bea");
        assertEquals(200, merged.statusCode(), merged.body());
        assertTrue(merged.body().contains("merged"), merged.body());
        assertEquals("# Other page\n\nline ONE by ann\n\nline two\n\nline THREE by bea\n", text());
    }

    @Test
    void changesOnTheSameLineAreAConflictAndNothingIsCommitted() throws Exception {
        EditFixture.Editor first = ann.open(PAGE);
        EditFixture.Editor second = bea.open(PAGE);
        ann.save(first, "# Other page\n\nline one\n\nline two by ann\n\nline three\n", "ann");
        ObjectId afterAnn = wiki.main();
        HttpResponse<String> conflict = bea.save(second, "# Other page\n\nline one\n\nline two by bea\n\nline three\n",
                "bea");
        assertEquals(409, conflict.statusCode(), conflict.body());
        assertEquals(afterAnn, wiki.main(), "nothing committed");
        assertTrue(text().contains("line two by ann"), "the other change is kept");
        String body = conflict.body();
        assertTrue(body.contains("&lt;&lt;&lt;&lt;&lt;&lt;&lt; yours"), body);
        assertTrue(body.contains("line two by bea") && body.contains("line two by ann"), body);
        assertTrue(body.contains("+line two by ann"), "their change as a diff: " + body);
        assertEquals(afterAnn.name(), EditFixture.field(body, "base"), "the new base is main");
        EditFixture.Editor again = new EditFixture.Editor(PAGE, EditFixture.field(body, "csrf"),
                EditFixture.field(body, "base"), body);
        HttpResponse<String> resolved = bea.save(again, "# Other page\n\nline one\n\nline two by both\n\nline three\n",
                "resolved");
        assertEquals(200, resolved.statusCode(), resolved.body());
        assertTrue(text().contains("line two by both"));
    }

    @Test
    void aPageCreatedMeanwhileIsAConflict() throws Exception {
        EditFixture.Editor first = ann.open("New-Page.md");
        EditFixture.Editor second = bea.open("New-Page.md");
        assertEquals(200, ann.save(first, "# New\n\nby ann\n", "").statusCode());
        ObjectId afterAnn = wiki.main();
        HttpResponse<String> conflict = bea.save(second, "# New\n\nby bea\n", "");
        assertEquals(409, conflict.statusCode(), conflict.body());
        assertTrue(conflict.body().contains("created while you wrote"), conflict.body());
        assertEquals(afterAnn, wiki.main());
    }
}
