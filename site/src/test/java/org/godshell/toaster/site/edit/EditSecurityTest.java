package org.godshell.toaster.site.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.godshell.toaster.site.edit.session.Sessions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hostile requests against the real server: forged posts, huge and malformed bodies, paths out of the wiki. */
class EditSecurityTest {

    @TempDir
    Path tmp;
    EditFixture wiki;
    EditFixture.Browser browser;
    EditFixture.Editor editor;
    ObjectId before;

    @BeforeEach
    void start() throws Exception {
        wiki = new EditFixture(tmp);
        browser = wiki.browser();
        assertEquals(303, browser.login(EditFixture.EDITOR, EditFixture.PASSWORD).statusCode());
        editor = browser.open("Other-Page.md");
        before = wiki.main();
    }

    @AfterEach
    void stop() throws Exception {
        wiki.close();
    }

    private HttpResponse<String> save(String csrf, String... headers) throws Exception {
        return browser.post("/_edit/Other-Page.md", Map.of("csrf", csrf, "base", editor.base(), "text", "forged",
                "message", "", "do", "save"), headers);
    }

    @Test
    void aPostWithoutTheTokenIsRefused() throws Exception {
        HttpResponse<String> reply = browser.post("/_edit/Other-Page.md", Map.of("base", editor.base(), "text",
                "forged", "message", "", "do", "save"));
        assertEquals(403, reply.statusCode());
        assertEquals(before, wiki.main());
    }

    @Test
    void aPostWithAnotherSessionsTokenIsRefused() throws Exception {
        EditFixture.Browser other = wiki.browser();
        other.login(EditFixture.EDITOR, EditFixture.PASSWORD);
        assertEquals(403, save(other.open("Home.md").csrf()).statusCode());
        assertEquals(403, save(editor.csrf() + "x").statusCode());
        assertEquals(before, wiki.main());
    }

    @Test
    void aPostFromAnotherOriginIsRefusedEvenWithTheToken() throws Exception {
        assertEquals(403, save(editor.csrf(), "Origin", "https://evil.example").statusCode());
        assertEquals(403, save(editor.csrf(), "Origin", "null").statusCode());
        assertEquals(403, save(editor.csrf(), "Sec-Fetch-Site", "cross-site").statusCode());
        assertEquals(403, save(editor.csrf(), "Sec-Fetch-Site", "same-site").statusCode());
        assertEquals(403, browser.post("/_preview", Map.of("csrf", editor.csrf(), "path", "Other-Page.md", "text",
                "x"), "Origin", "https://evil.example").statusCode());
        assertEquals(before, wiki.main());
    }

    @Test
    void aPostWithoutASessionIsRefused() throws Exception {
        EditFixture.Browser stranger = wiki.browser();
        assertEquals(403, stranger.post("/_edit/Other-Page.md", Map.of("csrf", editor.csrf(), "base",
                editor.base(), "text", "forged", "message", "", "do", "save")).statusCode());
        assertEquals(403, stranger.post("/_preview", Map.of("csrf", editor.csrf(), "path", "Other-Page.md",
                "text", "x")).statusCode());
    }

    @Test
    void aForgedBaseCommitIsRefusedWithAReason() throws Exception {
        for (String base : new String[] {"not-a-commit", "0123456789012345678901234567890123456789", ""}) {
            HttpResponse<String> reply = browser.post("/_edit/Other-Page.md", Map.of("csrf", editor.csrf(), "base",
                    base, "text", "x", "message", "", "do", "save"));
            assertEquals(422, reply.statusCode(), base + ": " + reply.body());
        }
        assertEquals(before, wiki.main());
    }

    @Test
    void aHugeBodyIsRefusedUnread() throws Exception {
        String huge = "text=" + "a".repeat(Gate.FORM_LIMIT + 1) + "&csrf=" + editor.csrf();
        HttpResponse<String> reply = browser.postRaw("/_edit/Other-Page.md", huge);
        assertEquals(413, reply.statusCode());
        assertTrue(reply.body().contains("larger than"), reply.body());
        assertEquals(before, wiki.main());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "text=%zz&csrf=TOKEN|broken percent escape",
        "text=a&text=b&csrf=TOKEN|twice",
        "text=a&&csrf=TOKEN|empty field",
        "text=%C0%AF&csrf=TOKEN|not UTF-8",
        "noequals&csrf=TOKEN|no '='",
        "evil=1&csrf=TOKEN|does not take"})
    void aMalformedFormIsA400SayingWhy(String body, String reason) throws Exception {
        HttpResponse<String> reply = browser.postRaw("/_edit/Other-Page.md", body.replace("TOKEN", editor.csrf()));
        assertEquals(400, reply.statusCode(), reply.body());
        assertTrue(reply.body().replace("&#39;", "'").contains(reason), reply.body());
    }

    @ParameterizedTest
    @CsvSource({"/_edit/..%2FHome.md", "/_edit/a%5Cb.md", "/_edit/a%00b.md", "/_edit/.git%2Fconfig.md",
        "/_edit/guide/..%2F..%2Fetc.md", "/_edit/%2E%2E/x.md", "/_edit/x.md.txt/", "/_edit/_contents.md",
        "/_edit/index.md", "/_edit/CON.md", "/_edit/a%0Ab.md"})
    void pathsOutsideThePagesAreRefused(String path) throws Exception {
        int status = browser.get(path).statusCode();
        assertTrue(status == 400 || status == 404, path + " -> " + status);
    }

    @Test
    void theSessionEndsWhenIdleAndAfterItsAbsoluteLifetime() throws Exception {
        wiki.clock.advance(Sessions.IDLE.minusMinutes(1));
        assertEquals(200, browser.get("/_edit/Other-Page.md").statusCode());
        for (int i = 0; i < 12; i++) {
            wiki.clock.advance(Sessions.IDLE.minusMinutes(1));
            browser.get("/_edit/Other-Page.md");
        }
        assertEquals(303, browser.get("/_edit/Other-Page.md").statusCode(), "past the absolute lifetime");
        assertEquals(303, browser.login(EditFixture.EDITOR, EditFixture.PASSWORD).statusCode());
        wiki.clock.advance(Sessions.IDLE.plus(Duration.ofSeconds(1)));
        HttpResponse<String> idle = browser.get("/_edit/Other-Page.md");
        assertEquals(303, idle.statusCode(), "idle too long");
        assertTrue(idle.headers().firstValue("Location").orElseThrow().startsWith("/_login?next="));
    }

    @Test
    void theCookieIsHttpOnlyAndSameSiteStrict() throws Exception {
        EditFixture.Browser fresh = wiki.browser();
        HttpResponse<String> login = fresh.login(EditFixture.EDITOR, EditFixture.PASSWORD);
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("wiki-session="))
                .findFirst().orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"),
                cookie);
        assertFalse(cookie.contains("Secure"), "plain HTTP on loopback: a Secure cookie would not come back");
        assertEquals(43, cookie.substring("wiki-session=".length(), cookie.indexOf(';')).length());
    }
}
