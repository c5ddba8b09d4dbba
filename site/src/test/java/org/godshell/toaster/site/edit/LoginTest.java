package org.godshell.toaster.site.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The login page against the real server: the accounts of git push, and each refusal with its reason. */
class LoginTest {

    @TempDir
    Path tmp;
    EditFixture wiki;

    @BeforeEach
    void start() throws Exception {
        wiki = new EditFixture(tmp);
    }

    @AfterEach
    void stop() throws Exception {
        wiki.close();
    }

    @Test
    void theEditorGoesBackToThePageAfterLoggingIn() throws Exception {
        EditFixture.Browser browser = wiki.browser();
        HttpResponse<String> asked = browser.get("/_edit/guide/New%20Page.md");
        assertEquals(303, asked.statusCode());
        String location = asked.headers().firstValue("Location").orElseThrow();
        assertEquals("/_login?next=%2F_edit%2Fguide%2FNew%2520Page.md", location);
        String form = browser.get(location).body();
        assertEquals("/_edit/guide/New%20Page.md", EditFixture.field(form, "next"));
        HttpResponse<String> login = browser.post("/_login", Map.of("user", EditFixture.EDITOR, "password",
                EditFixture.PASSWORD, "csrf", EditFixture.field(form, "csrf"), "next", "/_edit/guide/New%20Page.md"));
        assertEquals(303, login.statusCode(), login.body());
        assertEquals("/_edit/guide/New%20Page.md", login.headers().firstValue("Location").orElseThrow());
        assertTrue(browser.get("/_edit/guide/New%20Page.md").body().contains("Creating guide/New Page"));
    }

    @Test
    void nextNeverLeadsOffTheWiki() throws Exception {
        EditFixture.Browser browser = wiki.browser();
        String form = browser.get("/_login").body();
        HttpResponse<String> login = browser.post("/_login", Map.of("user", EditFixture.EDITOR, "password",
                EditFixture.PASSWORD, "csrf", EditFixture.field(form, "csrf"), "next", "//evil.example/_edit/x.md"));
        assertEquals("/", login.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void aWrongPasswordIsA401AndNoSession() throws Exception {
        EditFixture.Browser browser = wiki.browser();
        HttpResponse<String> login = browser.login(EditFixture.EDITOR, "wrong");
        assertEquals(401, login.statusCode());
        assertTrue(login.body().contains("Wrong user name or password"), login.body());
        assertEquals(303, browser.get("/_edit/Home.md").statusCode());
    }

    @Test
    void aThrottledAddressIsToldWhenToRetry() throws Exception {
        HttpResponse<String> login = wiki.browser().login(EditFixture.THROTTLED, "whatever");
        assertEquals(429, login.statusCode());
        assertEquals("841", login.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(login.body().contains("15 more minute(s)"), login.body());
    }

    @Test
    void passwordsThatCannotBeCheckedAreATemporaryFailureNotAWrongPassword() throws Exception {
        HttpResponse<String> login = wiki.browser().login(EditFixture.UNCHECKABLE, "whatever");
        assertEquals(503, login.statusCode());
        assertEquals("60", login.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(login.body().contains("Passwords cannot be checked right now"), login.body());
    }

    @Test
    void aUserWhoIsNotAnEditorIsRefused() throws Exception {
        HttpResponse<String> login = wiki.browser().login(EditFixture.USER, EditFixture.USER_PASSWORD);
        assertEquals(403, login.statusCode());
        assertTrue(login.body().contains("not a wiki editor"), login.body());
    }

    @Test
    void aLoginWithoutTheFormsTokenIsRefused() throws Exception {
        EditFixture.Browser browser = wiki.browser();
        browser.get("/_login");
        HttpResponse<String> login = browser.post("/_login", Map.of("user", EditFixture.EDITOR, "password",
                EditFixture.PASSWORD, "csrf", "forged", "next", "/"));
        assertEquals(403, login.statusCode());
        HttpResponse<String> foreign = wiki.browser().post("/_login", Map.of("user", EditFixture.EDITOR,
                "password", EditFixture.PASSWORD, "csrf", "x", "next", "/"), "Origin", "https://evil.example");
        assertEquals(403, foreign.statusCode());
    }

    @Test
    void aLoginFormOverEightKibibytesIsRefusedUnread() throws Exception {
        EditFixture.Browser browser = wiki.browser();
        String token = EditFixture.field(browser.get("/_login").body(), "csrf");
        HttpResponse<String> huge = browser.post("/_login", Map.of("user", EditFixture.EDITOR, "password",
                "p".repeat(LoginRoute.LOGIN_FORM_LIMIT), "csrf", token, "next", "/"));
        assertEquals(413, huge.statusCode(), huge.body());
        assertEquals(303, browser.get("/_edit/Home.md").statusCode(), "no session");
        HttpResponse<String> within = browser.post("/_login", Map.of("user", EditFixture.EDITOR, "password",
                "p".repeat(LoginRoute.LOGIN_FORM_LIMIT - 1000), "csrf", token, "next", "/"));
        assertEquals(401, within.statusCode(), "read and checked: " + within.body());
    }
}
