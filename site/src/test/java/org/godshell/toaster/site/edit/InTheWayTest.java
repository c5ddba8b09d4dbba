package org.godshell.toaster.site.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file and a folder of one name cannot both be in a tree: save, rename and upload refuse a target whose parent
 * is a page, or which is a folder, and never make room by deleting the pages in the way.
 */
class InTheWayTest {

    private static final byte[] PNG = Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a,
        '\n'}, 64);

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

    private boolean exists(String path) throws Exception {
        return PageFiles.text(wiki.repository, PageFiles.main(wiki.repository), path, 1 << 20).isPresent();
    }

    private void folderOfOnePage() throws Exception {
        HttpResponse<String> made = browser.save(browser.open("X.md/inner.md"), "# Inner\n", "");
        assertEquals(200, made.statusCode(), made.body());
        assertTrue(exists("X.md/inner.md"));
    }

    @Test
    void aSaveUnderAPageNeitherWritesNorDeletesIt() throws Exception {
        ObjectId before = wiki.main();
        HttpResponse<String> reply = browser.save(browser.open("Home.md/x.md"), "# x\n", "");
        assertEquals(422, reply.statusCode(), reply.body());
        assertTrue(reply.body().contains("Home.md is a file"), reply.body());
        assertEquals(before, wiki.main());
        assertTrue(exists("Home.md"));
    }

    @Test
    void aSaveOverAFolderKeepsTheFolder() throws Exception {
        folderOfOnePage();
        ObjectId before = wiki.main();
        HttpResponse<String> reply = browser.save(browser.open("X.md"), "# X\n", "");
        assertEquals(422, reply.statusCode(), reply.body());
        assertTrue(reply.body().contains("X.md is a folder"), reply.body());
        assertEquals(before, wiki.main());
        assertTrue(exists("X.md/inner.md"));
    }

    @Test
    void aRenameOntoAFolderOrUnderAPageKeepsEverything() throws Exception {
        folderOfOnePage();
        ObjectId before = wiki.main();
        for (String[] to : new String[][] {{"X", "X.md is a folder"}, {"Home.md/Sub", "Home.md is a file"}}) {
            String form = browser.get("/_rename/Other-Page.md").body();
            HttpResponse<String> reply = browser.post("/_rename/Other-Page.md", Map.of("csrf",
                    EditFixture.field(form, "csrf"), "base", EditFixture.field(form, "base"), "to", to[0],
                    "message", ""));
            assertEquals(422, reply.statusCode(), to[0] + ": " + reply.body());
            assertTrue(reply.body().contains(to[1]), reply.body());
            assertEquals(before, wiki.main());
        }
        assertTrue(exists("X.md/inner.md") && exists("Home.md") && exists("Other-Page.md"));
    }

    @Test
    void anUploadUnderAPageIsRefused() throws Exception {
        ObjectId before = wiki.main();
        String token = browser.open("Home.md/x.md").csrf();
        HttpResponse<String> reply = browser.postBytes("/_upload/Home.md/x.md?name=a.png", PNG,
                UploadRoute.TOKEN_HEADER, token);
        assertEquals(409, reply.statusCode(), reply.body());
        assertTrue(reply.body().contains("Home.md is a file"), reply.body());
        assertEquals(before, wiki.main());
        assertTrue(exists("Home.md"));
    }
}
