package org.godshell.toaster.site.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ACME's HTTP-01 answers on plain HTTP while HTTPS is on (before the redirect), for any Host, and nothing else:
 * tokens outside base64url, escapes, links, directories and oversized files are a 404 that echoes nothing.
 */
class AcmeChallengeRouteTest {

    private static final String TOKEN = "LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0";
    private static final String ANSWER = TOKEN + ".9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI";

    @TempDir
    Path dir;

    private WikiServer server;
    private Path challenges;
    private int port;

    @BeforeEach
    void start() throws Exception {
        TestTls tls = TestTls.create(dir);
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<!DOCTYPE html><title>Home</title>\n");
        Files.writeString(site.resolve("secret.txt"), "site file\n");
        challenges = Files.createDirectories(dir.resolve("acme/http-01"));
        Files.writeString(challenges.resolve(TOKEN), ANSWER);
        Files.writeString(dir.resolve("acme/account.pem"), "PRIVATE KEY\n");
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        server = new WikiServer(new WikiServer.Settings(site, List.of(any), List.of(any), Optional.of(tls.wikiTls()),
                "wiki.test", Optional.of(challenges)), Optional.empty(), line -> { });
        server.start();
        port = server.httpAddresses().getFirst().getPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void theAnswerComesOverPlainHttpForAnyHostAsText() throws Exception {
        for (String host : List.of("mail.example.org", "mta-sts.example.com", "203.0.113.5")) {
            RawHttp.Answer answer = RawHttp.get(port, AcmeChallengeRoute.PREFIX + TOKEN, host);
            assertEquals(200, answer.status(), answer.text());
            assertEquals(ANSWER, answer.text());
            assertEquals("text/plain", answer.header("Content-Type"));
        }
    }

    @Test
    void otherPathsStillRedirectToHttps() throws Exception {
        assertEquals(308, RawHttp.get(port, "/index.html", "wiki.test").status());
    }

    @Test
    void anAnswerRemovedAfterTheOrderIsGone() throws Exception {
        Files.delete(challenges.resolve(TOKEN));
        assertEquals(404, RawHttp.get(port, AcmeChallengeRoute.PREFIX + TOKEN, "wiki.test").status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../account.pem", "..%2faccount.pem", "%2e%2e/account.pem", "%2e%2e%2faccount.pem",
            "..", ".", "x/../../account.pem", "abc%00", "abc\u0000def", "abc.def", "abc def", "abc%20",
            "ABC/", "A=", "+/", "\u00e9t\u00e9", "abc?x=1"})
    void hostileTokensAre404AndEchoNothing(String token) throws Exception {
        String target = AcmeChallengeRoute.PREFIX + token;
        RawHttp.Answer answer = RawHttp.get(port, target.replace(" ", "%20"), "wiki.test");
        assertTrue(answer.status() == 404 || answer.status() == 400, answer.status() + " " + answer.text());
        assertFalse(answer.text().contains("PRIVATE"), answer.text());
        assertFalse(token.length() > 2 && answer.text().contains(token), answer.text());
    }

    @Test
    void aTokenLongerThanTheGrammarAllowsIs404EvenWhenTheFileExists() throws Exception {
        String token = "a".repeat(129);
        Files.writeString(challenges.resolve(token), "x");
        assertEquals(404, RawHttp.get(port, AcmeChallengeRoute.PREFIX + token, "wiki.test").status());
        String longest = "b".repeat(128);
        Files.writeString(challenges.resolve(longest), "y");
        assertEquals(200, RawHttp.get(port, AcmeChallengeRoute.PREFIX + longest, "wiki.test").status());
    }

    @Test
    void linksDirectoriesAndOversizedFilesAreNotServed() throws Exception {
        Files.createSymbolicLink(challenges.resolve("link"), dir.resolve("acme/account.pem"));
        Files.createDirectory(challenges.resolve("sub"));
        Files.writeString(challenges.resolve("big"), "z".repeat(AcmeChallengeRoute.MAX_ANSWER + 1));
        for (String token : List.of("link", "sub", "big")) {
            RawHttp.Answer answer = RawHttp.get(port, AcmeChallengeRoute.PREFIX + token, "wiki.test");
            assertEquals(404, answer.status(), token);
            assertFalse(answer.text().contains("PRIVATE"), answer.text());
        }
    }

    @Test
    void theDirectoryItselfIsNeverListed() throws Exception {
        for (String target : List.of(AcmeChallengeRoute.PREFIX, "/.well-known/acme-challenge")) {
            RawHttp.Answer answer = RawHttp.get(port, target, "wiki.test");
            assertFalse(answer.text().contains(TOKEN), answer.text());
        }
    }

    @Test
    void onlyGetAndHeadAnswer() throws Exception {
        RawHttp.Answer answer = RawHttp.post(port, AcmeChallengeRoute.PREFIX + TOKEN, "wiki.test", new byte[0]);
        assertEquals(404, answer.status());
    }
}
