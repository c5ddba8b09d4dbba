package org.godshell.toaster.site.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Log in, open, preview and save against the real server on loopback; what the save commits and publishes. */
class EditServerTest {

    @TempDir
    Path tmp;
    EditFixture wiki;
    EditFixture.Browser browser;

    @BeforeEach
    void start() throws Exception {
        wiki = new EditFixture(tmp);
        browser = wiki.browser();
        HttpResponse<String> login = browser.login(EditFixture.EDITOR, EditFixture.PASSWORD);
        assertEquals(303, login.statusCode(), login.body());
    }

    @AfterEach
    void stop() throws Exception {
        wiki.close();
    }

    @Test
    void saveCommitsAsTheEditorAndPublishes() throws Exception {
        EditFixture.Editor editor = browser.open("Other-Page.md");
        assertTrue(editor.html().contains("line two"), editor.html());
        assertEquals(wiki.main().name(), editor.base());
        HttpResponse<String> saved = browser.save(editor, "# Other page\n\nsaved in the browser\n", "");
        assertEquals(200, saved.statusCode(), saved.body());
        assertTrue(saved.body().contains("href=\"../Other-Page.html\""), saved.body());
        try (RevWalk walk = new RevWalk(wiki.repository)) {
            RevCommit commit = walk.parseCommit(wiki.main());
            assertEquals(EditFixture.EDITOR, commit.getAuthorIdent().getName());
            assertEquals(EditFixture.EDITOR, commit.getAuthorIdent().getEmailAddress());
            assertEquals("Edit Other-Page", commit.getShortMessage());
            assertEquals(ObjectId.fromString(editor.base()), commit.getParent(0));
        }
        assertTrue(browser.get("/Other-Page.html").body().contains("saved in the browser"));
    }

    @Test
    void textareaLineEndsAreSavedAsLf() throws Exception {
        EditFixture.Editor editor = browser.open("Other-Page.md");
        browser.save(editor, "# Other page\r\n\r\nwindows lines\r\n", "crlf");
        assertEquals("# Other page\n\nwindows lines\n", PageFiles.text(wiki.repository,
                PageFiles.main(wiki.repository), "Other-Page.md", 1 << 20).orElseThrow());
    }

    @Test
    void scriptsDoNotSurvivePreviewNorThePublishedPage() throws Exception {
        String hostile = "# Hi\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n"
                + "[x](javascript:alert(3)) <a href=\"#\" onclick=\"alert(4)\">y</a>\n\n<svg onload=alert(5)></svg>\n";
        EditFixture.Editor editor = browser.open("Other-Page.md");
        HttpResponse<String> preview = browser.post("/_preview", Map.of("csrf", editor.csrf(), "path",
                "Other-Page.md", "text", hostile));
        assertEquals(200, preview.statusCode());
        String withoutScript = browser.post("/_edit/Other-Page.md", Map.of("csrf", editor.csrf(), "base",
                editor.base(), "text", hostile, "message", "", "do", "preview")).body();
        // the textarea holds the text escaped; what is rendered is the preview's block
        String previewBlock = withoutScript.substring(withoutScript.indexOf("id=\"wiki-edit-preview\""));
        for (String html : new String[] {preview.body(), previewBlock}) {
            String body = html.toLowerCase();
            assertFalse(body.contains("<script>alert"), body);
            assertFalse(body.contains("onerror") || body.contains("onclick") || body.contains("onload"), body);
            assertFalse(body.contains("javascript:"), body);
        }
        assertEquals(200, browser.save(editor, hostile, "hostile").statusCode());
        String page = browser.get("/Other-Page.html").body().toLowerCase();
        assertTrue(page.contains("<h1"), page);
        assertFalse(page.contains("<script>alert") || page.contains("onerror") || page.contains("javascript:"), page);
    }

    @Test
    void unchangedTextMakesNoCommit() throws Exception {
        ObjectId before = wiki.main();
        EditFixture.Editor editor = browser.open("Other-Page.md");
        HttpResponse<String> saved = browser.save(editor, "# Other page\n\nline one\n\nline two\n\nline three\n",
                "nothing");
        assertEquals(200, saved.statusCode());
        assertTrue(saved.body().contains("Nothing to save"), saved.body());
        assertEquals(before, wiki.main());
    }

    @Test
    void aMissingPageOpensEmptyAndSavingCreatesIt() throws Exception {
        EditFixture.Editor editor = browser.open("Missing-Page.md");
        assertTrue(editor.html().contains("Creating Missing-Page"), editor.html());
        HttpResponse<String> saved = browser.save(editor, "# Missing page\n\nnow here\n", "create it");
        assertEquals(200, saved.statusCode(), saved.body());
        assertTrue(browser.get("/Missing-Page.html").body().contains("now here"));
    }

    @Test
    void previewLinksResolveAgainstMainAndRedLinksLeadToTheEditor() throws Exception {
        EditFixture.Editor editor = browser.open("guide/Page.md");
        String html = browser.post("/_preview", Map.of("csrf", editor.csrf(), "path", "guide/Page.md", "text",
                "[[Other Page]] [[No Such Page]]")).body();
        // the editor of guide/Page.md is /_edit/guide/Page.md: two folders below the root
        assertTrue(html.contains("href=\"../../Other-Page.html\""), html);
        assertTrue(html.contains("href=\"../../_edit/No-Such-Page.md\""), html);
    }

    @Test
    void aStrictWikiRefusesASaveThatAddsABrokenLink() throws Exception {
        org.eclipse.jgit.lib.StoredConfig config = wiki.repository.getConfig();
        config.setBoolean("wiki", null, "strict", true);
        config.save();
        ObjectId before = wiki.main();
        EditFixture.Editor editor = browser.open("Other-Page.md");
        HttpResponse<String> saved = browser.save(editor, "# Other page\n\n[[Nowhere at all]]\n", "");
        assertEquals(422, saved.statusCode(), saved.body());
        assertTrue(saved.body().contains("wiki.strict"), saved.body());
        assertTrue(saved.body().contains("Other-Page.md:3: broken link: [[Nowhere at all]]"), saved.body());
        assertTrue(saved.body().contains("Nowhere at all"), "the text stays in the editor");
        assertEquals(before, wiki.main());
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        EditFixture.Editor editor = browser.open("Other-Page.md");
        assertEquals(303, browser.post("/_logout", Map.of("csrf", editor.csrf())).statusCode());
        assertEquals(303, browser.get("/_edit/Other-Page.md").statusCode());
        assertEquals(403, browser.save(editor, "after logout", "").statusCode());
        assertNotEquals(null, wiki.main());
    }
}
