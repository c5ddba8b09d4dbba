package org.godshell.toaster.site.versions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@code /_version} and {@code /_compare} accept: ids that are strictly hex, unique, commits and reachable
 * from main; page paths as pushes accept them; only GET and HEAD. And how answers are cached.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VersionRoutesTest {

    VersionsFixture wiki;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        wiki = new VersionsFixture(dir);
    }

    @AfterAll
    void stop() throws Exception {
        wiki.close();
    }

    @Test
    void aFullIdIsCachedForEverWithAnETag() throws Exception {
        VersionsFixture.Answer answer = wiki.get("/_version/Guide.md?at=" + wiki.created.name());
        assertEquals(200, answer.status(), answer.body());
        assertEquals("public, max-age=31536000, immutable", answer.header("Cache-Control"));
        assertTrue(answer.header("Content-Type").startsWith("text/html"));
        String etag = answer.header("ETag");
        assertTrue(etag.matches("\"[0-9a-f]{32}\""), etag);
        VersionsFixture.Answer again = wiki.send("GET /_version/Guide.md?at=" + wiki.created.name()
                + " HTTP/1.1\r\nHost: localhost\r\nIf-None-Match: " + etag + "\r\nConnection: close\r\n\r\n");
        assertEquals(304, again.status());
        assertEquals("", again.body());
    }

    @Test
    void anAbbreviatedIdIsCachedBriefly() throws Exception {
        VersionsFixture.Answer answer = wiki.get("/_version/Guide.md?at=" + wiki.created.name().substring(0, 7)
                .toUpperCase());
        assertEquals(200, answer.status());
        assertEquals("public, max-age=300", answer.header("Cache-Control"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "at=", "at=abc", "at=xyz1", "at=HEAD", "at=main", "at=HEAD~1", "at=refs%2Fheads%2Fmain",
        "at=0123456789012345678901234567890123456789a", "at=1234&at=1234", "at=1234&x=1", "from=1234",
        "at=12%334", "at=%00"})
    void aMalformedQueryIs400(String query) throws Exception {
        VersionsFixture.Answer answer = wiki.get("/_version/Guide.md?" + query);
        assertEquals(400, answer.status(), query);
        assertEquals("no-store", answer.header("Cache-Control"));
        assertFalse(answer.body().contains(query.isEmpty() ? "\u0000" : query), "the query is not echoed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/_version/../wiki.git/config", "/_version/%2e%2e/Guide.md", "/_version/a/..%2fGuide.md",
        "/_version/.git/config.md", "/_version/Guide.txt", "/_version/CON.md", "/_version/", "/_version/a//b.md",
        "/_version/%c0%ae%c0%ae/Guide.md", "/_version/a%5cb.md", "/_version/x%0a.md", "/_compare/..%2f..%2fetc.md"})
    void aBadPathIsRefused(String path) throws Exception {
        VersionsFixture.Answer answer = wiki.get(path + "?at=" + wiki.created.name() + "&from=1234&to=1234");
        assertTrue(answer.status() == 400 || answer.status() == 404, path + ": " + answer.status());
        assertFalse(answer.body().contains("[core]"), "no repository file is served");
    }

    @Test
    void objectsThatAreNotCommitsOfMainAre404() throws Exception {
        Map<String, ObjectId> objects = new HashMap<>();
        try (RevWalk walk = new RevWalk(wiki.repo.repository())) {
            objects.put("tree", walk.parseCommit(wiki.created).getTree().getId());
        }
        objects.put("blob", wiki.repo.repository().resolve(wiki.created.name() + ":Guide.md"));
        objects.put("dangling commit", wiki.dangling);
        objects.put("unknown", ObjectId.fromString("0123456789abcdef0123456789abcdef01234567"));
        for (Map.Entry<String, ObjectId> object : objects.entrySet()) {
            VersionsFixture.Answer answer = wiki.get("/_version/Guide.md?at=" + object.getValue().name());
            assertEquals(404, answer.status(), object.getKey());
            assertTrue(answer.body().contains("No commit of the wiki"), object.getKey());
        }
        assertEquals(404, wiki.get("/_compare/Guide.md?from=" + wiki.created.name() + "&to="
                + wiki.dangling.name()).status());
    }

    @Test
    void anAmbiguousAbbreviationIs400() throws Exception {
        Map<String, ObjectId> byPrefix = new HashMap<>();
        String prefix = null;
        try (ObjectInserter inserter = wiki.repo.repository().newObjectInserter()) {
            for (int i = 0; prefix == null; i++) {
                ObjectId blob = inserter.insert(Constants.OBJ_BLOB, ("blob " + i).getBytes(StandardCharsets.UTF_8));
                ObjectId other = byPrefix.putIfAbsent(blob.name().substring(0, 4), blob);
                if (other != null && !other.equals(blob)) {
                    prefix = blob.name().substring(0, 4);
                }
            }
            inserter.flush();
        }
        VersionsFixture.Answer answer = wiki.get("/_version/Guide.md?at=" + prefix);
        assertEquals(400, answer.status());
        assertTrue(answer.body().contains("too short"), answer.body());
    }

    @Test
    void onlyGetAndHead() throws Exception {
        VersionsFixture.Answer post = wiki.send("POST /_version/Guide.md?at=" + wiki.created.name()
                + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertEquals(405, post.status());
        VersionsFixture.Answer head = wiki.send("HEAD /_compare/Guide.md?from=" + wiki.created.name() + "&to="
                + wiki.edited.name() + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertEquals(200, head.status());
        assertEquals("", head.body());
    }

    @Test
    void otherPathsAreLeftToTheSite() throws Exception {
        assertEquals(200, wiki.get("/Manual.html").status());
        assertEquals(404, wiki.get("/_versions/Guide.md?at=" + wiki.created.name()).status());
    }
}
