package org.godshell.toaster.site.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rename and delete against the real server: a confirmation first, the token always, no unseen change lost. */
class MoveTest {

    @TempDir
    Path tmp;
    EditFixture wiki;
    EditFixture.Browser browser;

    @BeforeEach
    void start() throws Exception {
        wiki = new EditFixture(tmp);
        browser = wiki.browser();
        assertEquals(303, browser.login(EditFixture.EDITOR, EditFixture.PASSWORD).statusCode());
    }

    @AfterEach
    void stop() throws Exception {
        wiki.close();
    }

    private HttpResponse<String> move(String action, String path, String to) throws Exception {
        String form = browser.get("/_" + action + "/" + path).body();
        return browser.post("/_" + action + "/" + path, Map.of("csrf", EditFixture.field(form, "csrf"), "base",
                EditFixture.field(form, "base"), "to", to, "message", ""));
    }

    private boolean exists(String path) throws Exception {
        return PageFiles.text(wiki.repository, PageFiles.main(wiki.repository), path, 1 << 20).isPresent();
    }

    @Test
    void aGetOnlyAsksAndAPostRenames() throws Exception {
        ObjectId before = wiki.main();
        HttpResponse<String> ask = browser.get("/_rename/Other-Page.md");
        assertEquals(200, ask.statusCode());
        assertEquals(before, wiki.main(), "a GET changes nothing");
        HttpResponse<String> done = move("rename", "Other-Page.md", "guide/Moved Page");
        assertEquals(200, done.statusCode(), done.body());
        assertTrue(exists("guide/Moved Page.md") && !exists("Other-Page.md"));
        assertTrue(browser.get("/guide/Moved%20Page.html").body().contains("line two"));
    }

    @Test
    void aRenameNeverReplacesAPageNorLeavesTheWiki() throws Exception {
        ObjectId before = wiki.main();
        assertEquals(422, move("rename", "Other-Page.md", "Home.md").statusCode());
        assertEquals(400, move("rename", "Other-Page.md", "../outside.md").statusCode());
        assertEquals(400, move("rename", "Other-Page.md", "a\\b").statusCode());
        assertEquals(before, wiki.main());
    }

    @Test
    void deleteRemovesThePage() throws Exception {
        HttpResponse<String> ask = browser.get("/_delete/Other-Page.md");
        assertTrue(ask.body().contains("Delete Other-Page?"), ask.body());
        HttpResponse<String> done = browser.post("/_delete/Other-Page.md", Map.of("csrf",
                EditFixture.field(ask.body(), "csrf"), "base", EditFixture.field(ask.body(), "base"), "message",
                "not needed"));
        assertEquals(200, done.statusCode(), done.body());
        assertTrue(!exists("Other-Page.md") && exists("Home.md"));
    }

    @Test
    void aPageChangedSinceTheFormIsNotDeleted() throws Exception {
        String ask = browser.get("/_delete/Other-Page.md").body();
        browser.save(browser.open("Other-Page.md"), "# Other page\n\nchanged meanwhile\n", "");
        ObjectId changed = wiki.main();
        HttpResponse<String> done = browser.post("/_delete/Other-Page.md", Map.of("csrf",
                EditFixture.field(ask, "csrf"), "base", EditFixture.field(ask, "base"), "message", ""));
        assertEquals(409, done.statusCode(), done.body());
        assertEquals(changed, wiki.main());
        assertTrue(exists("Other-Page.md"));
    }

    @Test
    void withoutTheTokenNothingMoves() throws Exception {
        ObjectId before = wiki.main();
        assertEquals(403, browser.post("/_delete/Other-Page.md", Map.of("base", before.name(), "message", ""))
                .statusCode());
        assertEquals(403, browser.post("/_rename/Other-Page.md", Map.of("csrf", "x", "base", before.name(), "to",
                "X.md", "message", "")).statusCode());
        assertEquals(before, wiki.main());
    }
}
