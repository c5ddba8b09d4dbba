package org.godshell.toaster.site.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code git push} prints about the pages it brought, {@code wiki.strict}, and the answer to a throttled
 * address, with the real git client.
 */
class PushMessagesTest {

    @TempDir
    Path tmp;
    WikiFixture wiki;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(GitClient.installed(), "the git command-line client is not installed");
        wiki = new WikiFixture(tmp);
    }

    @AfterEach
    void stop() throws Exception {
        if (wiki != null) {
            wiki.close();
        }
    }

    @Test
    void eachBrokenLinkIsPrintedWithItsPageAndLine() throws Exception {
        GitClient.Run push = push("broken", "Home.md", "# Home\n\nWelcome.\n\nSee [[Nowhere]] and [[x|Gone#part]].\n",
                "Other-Page.md", "# Other page\n\n- one\n- [[Nowhere]]\n");
        assertEquals(0, push.exit(), push.output());
        String out = push.output();
        assertTrue(out.contains("remote: wiki: 3 broken wiki link(s), shown in red:"), out);
        assertTrue(out.contains("remote: wiki: Home.md:5: broken link: [[Nowhere]] names no page"), out);
        assertTrue(out.contains("remote: wiki: Home.md:5: broken link: [[Gone]] names no page"), out);
        assertTrue(out.contains("remote: wiki: Other-Page.md:4: broken link: [[Nowhere]] names no page"), out);
    }

    @Test
    void aFrontMatterProblemIsPrintedWithItsPageAndLine() throws Exception {
        GitClient.Run push = push("front", "Home.md", "---\ntitle: Home\ncolour: red\n---\n# Home\n");
        assertEquals(0, push.exit(), push.output());
        String out = push.output();
        assertTrue(out.contains("remote: wiki: warning: Home.md:3: front matter: unknown key 'colour' (known: "
                + "title, tags, aliases, order, section)"), out);
    }

    @Test
    void aHostileLinkTargetCannotReachTheTerminal() throws Exception {
        GitClient.Run push = push("hostile", "Home.md", "# Home\n\n[[\u001b[2J\u001b]0;owned\u0007 \u202egnp.exe]]\n");
        assertEquals(0, push.exit(), push.output());
        String out = push.output();
        assertFalse(out.contains("\u001b") || out.contains("\u0007") || out.contains("\u202e"), out);
        assertTrue(out.contains("Home.md:3: broken link: [[\\u001b[2J\\u001b]0;owned\\u0007 \\u202egnp.exe]]"), out);
    }

    @Test
    void theListStopsAtThirtyLinesAndCountsTheRest() throws Exception {
        StringBuilder page = new StringBuilder("# Home\n\n");
        for (int i = 0; i < 45; i++) {
            page.append("[[Missing ").append(i).append("]]\n");
        }
        GitClient.Run push = push("many", "Home.md", page.toString());
        assertEquals(0, push.exit(), push.output());
        String out = push.output();
        assertEquals(PushReport.MAX_LINES, out.lines().filter(l -> l.contains("broken link: [[Missing")).count(), out);
        assertTrue(out.contains("remote: wiki: ... and 15 more: see the wiki's link report (_report.html)"), out);
    }

    @Test
    void strictRefusesAPushThatAddsBrokenLinksAndNamesThem() throws Exception {
        strict("true");
        ObjectId before = wiki.main();
        GitClient.Run push = push("strict", "Home.md", "# Home\n\nSee [[Other Page]].\n\nAnd [[Nowhere]].\n");
        assertNotEquals(0, push.exit(), push.output());
        assertTrue(push.output().contains("Home.md:5: broken link: [[Nowhere]] names no page"), push.output());
        assertTrue(push.output().contains("wiki.strict: the change adds 1 broken wiki link(s)"), push.output());
        assertEquals(before, wiki.main());
    }

    @Test
    void strictLetsThroughLinksThatWereAlreadyBroken() throws Exception {
        Path clone = edit(wiki.cloneFresh("old"), "Home.md", "# Home\n\n[[Nowhere]]\n");
        assertEquals(0, pushFrom(clone).exit());
        strict("yes");
        edit(clone, "Home.md", "# Home\n\nIntro.\n\n[[Nowhere]], still.\n");
        GitClient.Run push = pushFrom(clone);
        assertEquals(0, push.exit(), push.output());
        assertTrue(push.output().contains("wiki: published"), push.output());
    }

    @Test
    void strictOffIsTodaysBehaviour() throws Exception {
        strict("false");
        GitClient.Run push = push("off", "Home.md", "# Home\n\n[[Nowhere]]\n");
        assertEquals(0, push.exit(), push.output());
        assertTrue(push.output().contains("Home.md:3: broken link: [[Nowhere]]"), push.output());
    }

    @Test
    void aMalformedStrictValueSaysSoAndChecks() throws Exception {
        strict("sometimes");
        ObjectId before = wiki.main();
        GitClient.Run push = push("typo", "Home.md", "# Home\n\n[[Nowhere]]\n");
        assertNotEquals(0, push.exit(), push.output());
        assertTrue(push.output().contains("wiki.strict is 'sometimes', not true or false"), push.output());
        assertEquals(before, wiki.main());
    }

    @Test
    void aThrottledAddressIsToldWhenToRetryNotThatThePasswordIsWrong() throws Exception {
        Path clone = edit(wiki.cloneFresh("throttled"), "Home.md", "# Home\n\nEdited.\n");
        ObjectId before = wiki.main();
        GitClient.Run push = wiki.git(clone, WikiFixture.THROTTLED, "the right password", "push", "origin", "main");
        assertNotEquals(0, push.exit(), push.output());
        assertTrue(push.output().contains("too many failed logins from your address: no password is checked from it "
                + "for 15 more minute(s)"), push.output());
        assertFalse(push.output().contains("wrong user name or password"), push.output());
        assertEquals(before, wiki.main());
    }

    @Test
    void theThrottleAnswerIs429WithRetryAfter() throws Exception {
        String basic = Base64.getEncoder().encodeToString((WikiFixture.THROTTLED + ":pw")
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try (HttpClient client = HttpClient.newHttpClient()) {
            response = client.send(HttpRequest.newBuilder(URI.create(wiki.url
                    + "/wiki.git/info/refs?service=git-receive-pack")).header("Authorization", "Basic " + basic)
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
        assertEquals(429, response.statusCode());
        assertEquals(Optional.of("841"), response.headers().firstValue("Retry-After"));
        assertEquals(Optional.empty(), response.headers().firstValue("WWW-Authenticate"));
        assertTrue(response.body().contains("try again after that"), response.body());
    }

    @Test
    void passwordsThatCannotBeCheckedAre503NotAChallenge() throws Exception {
        String basic = Base64.getEncoder().encodeToString((WikiFixture.UNCHECKABLE + ":pw")
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try (HttpClient client = HttpClient.newHttpClient()) {
            response = client.send(HttpRequest.newBuilder(URI.create(wiki.url
                    + "/wiki.git/info/refs?service=git-receive-pack")).header("Authorization", "Basic " + basic)
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
        assertEquals(503, response.statusCode());
        assertEquals(Optional.of("60"), response.headers().firstValue("Retry-After"));
        assertEquals(Optional.empty(), response.headers().firstValue("WWW-Authenticate"));
        assertTrue(response.body().contains("cannot be checked right now"), response.body());
    }

    private void strict(String value) throws Exception {
        StoredConfig config = wiki.repository.getConfig();
        config.setString("wiki", null, "strict", value);
        config.save();
    }

    /** A fresh clone named {@code name}, the files written (path, text, path, text...), committed and pushed. */
    private GitClient.Run push(String name, String... files) throws Exception {
        Path clone = wiki.cloneFresh(name);
        for (int i = 0; i < files.length; i += 2) {
            edit(clone, files[i], files[i + 1]);
        }
        return pushFrom(clone);
    }

    private Path edit(Path clone, String file, String text) throws Exception {
        Files.writeString(clone.resolve(file), text);
        assertEquals(0, wiki.git(clone, null, null, "commit", "-am", "edit " + file).exit());
        return clone;
    }

    private GitClient.Run pushFrom(Path clone) throws Exception {
        return wiki.git(clone, WikiFixture.EDITOR, WikiFixture.EDITOR_PASSWORD, "push", "origin", "main");
    }
}
