package org.godshell.toaster.site.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.site.serve.WikiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GET /_api/search through the wiki's own server, over a published site that tests swap and break. */
class SearchRouteTest {

    @TempDir
    Path temp;
    private Path site;
    private WikiServer server;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        site = temp.resolve("site");
        publish("one", DocumentsFile.write(Fixtures.pages(60)));
        server = new WikiServer(new WikiServer.Settings(site,
                List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), List.of(), Optional.empty(),
                "localhost"), Optional.of(new SearchRoute(new LiveIndex(site, log::add), log::add)), line -> { });
        server.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        server.stop();
    }

    /** Writes a build directory with {@code documents} (none when null) and swaps the site's symlink to it. */
    private void publish(String build, byte[] documents) throws IOException {
        Path dir = temp.resolve("builds").resolve(build);
        Files.createDirectories(dir.resolve("_search"));
        Files.writeString(dir.resolve("index.html"), "<!DOCTYPE html><title>home</title>");
        if (documents != null) {
            Files.write(dir.resolve(DocumentsFile.PATH), documents);
        }
        Path link = temp.resolve("site.new");
        Files.createSymbolicLink(link, dir);
        Files.move(link, site, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void wordsFindTheBestSectionWithAMarkedSnippetAsJson() throws IOException {
        Answer answer = get("/_api/search?q=greylisting+retry");
        assertEquals(200, answer.status(), answer.body());
        assertEquals("application/json", answer.header("content-type"));
        assertEquals("nosniff", answer.header("x-content-type-options"));
        assertTrue(answer.body().startsWith("{\"results\":[{\"title\":\"Plugin: greylist\",\"url\":"
                + "\"Plugin-greylist.html#how-it-works\",\"section\":\"How it works\",\"snippet\":["), answer.body());
        assertTrue(answer.body().contains("{\"text\":\"Greylisting\",\"hit\":true}"), answer.body());
        assertTrue(answer.body().contains("{\"text\":\"retry\",\"hit\":true}"), answer.body());
    }

    @Test
    void theLimitIsTenUnlessGivenAndNeverOverFifty() throws IOException {
        assertEquals(10, count(get("/_api/search?q=page").body()));
        assertEquals(3, count(get("/_api/search?q=page&limit=3").body()));
        assertEquals(SearchRoute.MAX_LIMIT, count(get("/_api/search?q=page&limit=1000").body()));
    }

    private static int count(String json) {
        return json.split("\"title\":", -1).length - 1;
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "?q=", "?q=+++", "?q=%E2%80%A8", "?limit=3", "?q=a&q=b", "?q=%ZZ", "?q=%C3%28",
            "?q=%C0%AF", "?q=greylist&limit=0", "?q=greylist&limit=-1", "?q=greylist&limit=abc",
            "?q=greylist&limit=99999999"})
    void aMissingOrUnreadableQueryIsA400InJson(String query) throws IOException {
        Answer answer = get("/_api/search" + query);
        assertEquals(400, answer.status(), answer.body());
        assertEquals("application/json", answer.header("content-type"));
        assertTrue(answer.body().startsWith("{\"error\":\""), answer.body());
    }

    @Test
    void aQueryOfTenKilobytesIsRefusedAndOfAThousandCharactersCapped() throws IOException {
        assertEquals(400, get("/_api/search?q=" + "greylist+".repeat(1200)).status());
        Answer capped = get("/_api/search?q=" + "greylist+".repeat(200));
        assertEquals(200, capped.status(), capped.body());
        assertTrue(capped.body().contains("Plugin: greylist"), capped.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "?", "~", "greylist~2", "title:greylist", "title%3Agreylist%5E10", "(", ")",
            "%22unbalanced", "%22%22", "AND", "OR+NOT", "greylist+AND+OR+NOT", "%5C", "[a+TO+z]", "%7B", "/regex/",
            "greylist%00x", "greylist%07", "greylist%1B", "greylist%7F", "greylist%E2%80%A8x", "%F0%9F%93%A7",
            "-greylist", "%2Bgreylist", "a*b?c", "%26%26+%7C%7C+!"})
    void luceneSyntaxAndControlCharactersAreJustText(String query) throws IOException {
        Answer answer = get("/_api/search?q=" + query);
        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.body().startsWith("{\"results\":["), answer.body());
    }

    @Test
    void markupInPageTextReachesTheSnippetAsEscapedText() throws IOException {
        Answer answer = get("/_api/search?q=hostile");
        assertEquals(200, answer.status(), answer.body());
        assertFalse(answer.body().contains("<"), answer.body());
        assertTrue(answer.body().contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"), answer.body());
        assertTrue(answer.body().contains("\\u003cimg src=x onerror=alert(2)\\u003e"), answer.body());
    }

    @Test
    void aMissingMalformedOrOversizedDocumentsFileIsA503UntilAGoodOneIsPublished() throws IOException {
        publish("missing", null);
        assertUnavailable();
        publish("malformed", "toaster-search 1\nS\t0\t\t\ttext before any page\n".getBytes(StandardCharsets.UTF_8));
        assertUnavailable();
        publish("oversized", new byte[DocumentsFile.MAX_BYTES + 1]);
        assertUnavailable();
        assertTrue(log.stream().anyMatch(line -> line.contains("larger than")), () -> String.join("\n", log));
        publish("good", DocumentsFile.write(Fixtures.pages(2)));
        Answer answer = get("/_api/search?q=greylisting");
        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.body().contains("Plugin: greylist"), answer.body());
    }

    private void assertUnavailable() throws IOException {
        Answer answer = get("/_api/search?q=greylisting");
        assertEquals(503, answer.status(), answer.body());
        assertTrue(answer.body().startsWith("{\"error\":\""), answer.body());
    }

    @Test
    void aSwappedSiteIsSearchedAtItsNextQuery() throws IOException {
        assertFalse(get("/_api/search?q=freshly").body().contains("Fresh page"));
        List<SearchDocument> pages = new ArrayList<>(Fixtures.pages(2));
        pages.add(new SearchDocument("Fresh.html", "Fresh page", List.of(), List.of(),
                List.of(new SearchDocument.Section(1, "fresh-page", "Fresh page", "Published freshly."))));
        publish("two", DocumentsFile.write(pages));
        assertTrue(get("/_api/search?q=freshly").body().contains("Fresh page"));
    }

    @Test
    void otherMethodsAreRefusedAndOtherPathsPassOn() throws IOException {
        Answer post = send("POST /_api/search?q=x HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n"
                + "Connection: close\r\n\r\n");
        assertEquals(405, post.status());
        assertEquals("GET, HEAD", post.header("allow"));
        assertEquals(404, get("/_api/searchx?q=greylist").status());
        assertEquals(200, get("/index.html").status());
    }

    record Answer(int status, List<String> headers, String body) {
        String header(String name) {
            return headers.stream().filter(h -> h.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                    .map(h -> h.substring(name.length() + 1).strip()).findFirst().orElse(null);
        }
    }

    private Answer get(String target) throws IOException {
        return send("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    }

    private Answer send(String head) throws IOException {
        int port = server.httpAddresses().getFirst().getPort();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = all.indexOf("\r\n\r\n");
            List<String> lines = List.of(all.substring(0, end).split("\r\n"));
            return new Answer(Integer.parseInt(lines.getFirst().split(" ")[1]), lines.subList(1, lines.size()),
                    all.substring(end + 4));
        }
    }
}
