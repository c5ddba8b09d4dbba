package org.godshell.toaster.site.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** Images uploaded with a page: committed beside it and published; anything that is not an image refused. */
class UploadTest {

    private static final byte[] PNG = Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a,
        '\n'}, 64);

    @TempDir
    Path tmp;
    EditFixture wiki;
    EditFixture.Browser browser;
    String token;

    @BeforeEach
    void start() throws Exception {
        wiki = new EditFixture(tmp);
        browser = wiki.browser();
        assertEquals(303, browser.login(EditFixture.EDITOR, EditFixture.PASSWORD).statusCode());
        token = browser.open("guide/Page.md").csrf();
    }

    @AfterEach
    void stop() throws Exception {
        wiki.close();
    }

    private HttpResponse<String> upload(String name, byte[] body, String... more) throws Exception {
        String[] headers = Arrays.copyOf(new String[] {UploadRoute.TOKEN_HEADER, token}, 2 + more.length);
        System.arraycopy(more, 0, headers, 2, more.length);
        return browser.postBytes("/_upload/guide/Page.md?name=" + name, body, headers);
    }

    @Test
    void anImageIsCommittedBesideThePageAndPublished() throws Exception {
        HttpResponse<String> reply = upload("diagram.png", PNG);
        assertEquals(201, reply.statusCode(), reply.body());
        assertEquals("![diagram.png](diagram.png)", reply.body());
        assertTrue(PageFiles.exists(wiki.repository, PageFiles.main(wiki.repository), "guide/diagram.png"));
        assertEquals(200, browser.get("/guide/diagram.png").statusCode());
        HttpResponse<String> fromPreview = browser.get("/_edit/guide/diagram.png");
        assertEquals(303, fromPreview.statusCode());
        assertEquals("/guide/diagram.png", fromPreview.headers().firstValue("Location").orElseThrow());
        assertEquals(409, upload("diagram.png", PNG).statusCode(), "an existing name is not replaced");
    }

    @ParameterizedTest
    @CsvSource({"logo.svg, 415", "page.html, 415", "script.js, 415", "fake.png, 415", "../up.png, 400",
        "a%2Fb.png, 400", "a%5Cb.png, 400", "%2E%2E%2Fx.png, 400", "x%00.png, 400", "'', 400", "CON.png, 400"})
    void whatIsNotAnImageIsRefused(String name, int status) throws Exception {
        ObjectId before = wiki.main();
        byte[] body = name.startsWith("logo") ? "<svg onload=alert(1)></svg>".getBytes(StandardCharsets.UTF_8)
                : name.startsWith("fake") || name.startsWith("page") || name.startsWith("script")
                ? "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8) : PNG;
        assertEquals(status, upload(name, body).statusCode(), name);
        assertEquals(before, wiki.main());
    }

    @Test
    void anUploadNeedsTheTokenTheOriginAndTheSizeLimit() throws Exception {
        ObjectId before = wiki.main();
        assertEquals(403, browser.postBytes("/_upload/guide/Page.md?name=a.png", PNG).statusCode());
        assertEquals(403, upload("a.png", PNG, "Origin", "https://evil.example").statusCode());
        assertEquals(403, wiki.browser().postBytes("/_upload/guide/Page.md?name=a.png", PNG,
                UploadRoute.TOKEN_HEADER, token).statusCode());
        assertEquals(413, upload("big.png", Arrays.copyOf(PNG, (int) EditFixture.LIMITS.maxFileBytes() + 1))
                .statusCode());
        assertEquals(before, wiki.main());
    }

    @Test
    void aRedirectFromTheEditorNeverLeavesTheWiki() throws Exception {
        for (String path : new String[] {"/_edit//evil.example/x.png", "/_edit/..%2F..%2Fx.png", "/_edit/%2F%2Fx.png"}) {
            HttpResponse<String> reply = browser.get(path);
            String location = reply.headers().firstValue("Location").orElse("");
            assertTrue(!location.startsWith("//") && !location.contains(".."), path + " -> " + location);
        }
    }
}
