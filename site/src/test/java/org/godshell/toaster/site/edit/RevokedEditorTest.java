package org.godshell.toaster.site.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An account taken off the editor list loses its sessions at its next change (save, upload), and so does every
 * account while the list cannot be read: nothing is committed, and the session does not come back.
 */
class RevokedEditorTest {

    private static final byte[] PNG = Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a,
        '\n'}, 64);

    @TempDir
    Path tmp;
    EditFixture wiki;
    EditFixture.Browser browser;
    EditFixture.Editor editor;

    @BeforeEach
    void start() throws Exception {
        wiki = new EditFixture(tmp);
        browser = wiki.browser();
        assertEquals(303, browser.login(EditFixture.EDITOR, EditFixture.PASSWORD).statusCode());
        editor = browser.open("Home.md");
    }

    @AfterEach
    void stop() throws Exception {
        wiki.close();
    }

    private void assertSessionEnded(ObjectId before) throws Exception {
        assertEquals(before, wiki.main(), "nothing committed");
        wiki.editors.add(EditFixture.EDITOR);
        wiki.editorListUnreadable = false;
        assertEquals(303, browser.get("/_edit/Home.md").statusCode(), "the editor asks for a login");
        HttpResponse<String> again = browser.save(editor, "# Home\n\nagain\n", "");
        assertEquals(403, again.statusCode());
        assertTrue(again.body().contains("Not logged in"), again.body());
        assertEquals(before, wiki.main());
    }

    @Test
    void aRemovedEditorsSaveIsRefusedAndTheSessionEnds() throws Exception {
        ObjectId before = wiki.main();
        wiki.editors.remove(EditFixture.EDITOR);
        HttpResponse<String> refused = browser.save(editor, "# Home\n\nchanged\n", "");
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("not a wiki editor"), refused.body());
        assertSessionEnded(before);
    }

    @Test
    void aRemovedEditorsUploadIsRefusedAndTheSessionEnds() throws Exception {
        ObjectId before = wiki.main();
        wiki.editors.remove(EditFixture.EDITOR);
        HttpResponse<String> refused = browser.postBytes("/_upload/Home.md?name=a.png", PNG,
                UploadRoute.TOKEN_HEADER, editor.csrf());
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("not a wiki editor"), refused.body());
        assertSessionEnded(before);
    }

    @Test
    void anUnreadableEditorListFailsClosed() throws Exception {
        ObjectId before = wiki.main();
        wiki.editorListUnreadable = true;
        HttpResponse<String> refused = browser.save(editor, "# Home\n\nchanged\n", "");
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("not a wiki editor"), refused.body());
        assertSessionEnded(before);
    }

    @Test
    void aRemovedEditorCannotOpenTheEditorEither() throws Exception {
        ObjectId before = wiki.main();
        wiki.editors.remove(EditFixture.EDITOR);
        HttpResponse<String> refused = browser.get("/_edit/Home.md");
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("not a wiki editor"), refused.body());
        assertSessionEnded(before);
    }
}
