package org.godshell.toaster.site.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.godshell.toaster.metrics.Samples;
import org.godshell.toaster.site.build.BuildOptions;
import org.godshell.toaster.site.build.WikiBuilder;
import org.godshell.toaster.site.git.GitClient;
import org.godshell.toaster.site.git.Saves;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exact counts on the wiki's endpoint after scripted builds, pushes, saves and requests. */
class WikiMetricsTest {

    @TempDir
    Path tmp;

    private static String pushes(String outcome, String reason) {
        return "toaster_wiki_pushes_total{outcome=\"" + outcome + "\",reason=\"" + reason + "\"}";
    }

    private static String builds(String mode, String outcome) {
        return "toaster_wiki_builds_total{mode=\"" + mode + "\",outcome=\"" + outcome + "\"}";
    }

    private static String requests(String route, String status) {
        return "toaster_wiki_http_requests_total{route=\"" + route + "\",status=\"" + status + "\"}";
    }

    @Test
    void everySeriesOfTheFixedSetsIsThereAtZeroFirst() throws Exception {
        try (MetricsWiki wiki = new MetricsWiki(tmp)) {
            String scrape = wiki.scrape();
            assertEquals(0, MetricsWiki.value(scrape, builds("full", "ok")));
            assertEquals(0, MetricsWiki.value(scrape, pushes("refused", "limits")));
            assertEquals(0, MetricsWiki.value(scrape, "toaster_wiki_saves_total{outcome=\"conflict\"}"));
            assertEquals(0, MetricsWiki.value(scrape, requests("acme", "5xx")));
            assertEquals(0, MetricsWiki.value(scrape, "toaster_wiki_build_pages"));
            assertEquals(0, MetricsWiki.value(scrape, "toaster_wiki_build_duration_seconds_count{mode=\"full\"}"));
            assertTrue(scrape.contains("\njvm_memory_used_bytes{area=\"heap\",daemon=\"wiki\"}"), "the JVM's too");
        }
    }

    @Test
    void aBuildAPushAcceptedAPushRefusedAndAFewRequestsGiveExactCounts() throws Exception {
        assumeTrue(GitClient.installed(), "the git command-line client is not installed");
        try (MetricsWiki wiki = new MetricsWiki(tmp)) {
            // The start's build: no index yet, so a full one.
            assertTrue(wiki.pushes.buildNow().mode().startsWith("full"));
            // git clone: the upload-pack advertisement and the fetch.
            Path clone = wiki.cloneFresh("c1");
            // An editor's push, built incrementally from the start's build. git asks without credentials first
            // (401), then with them: advertisement and pack.
            wiki.commit(clone, "Third.md", "# Third\n\nA new page.\n");
            GitClient.Run accepted = wiki.git(clone, MetricsWiki.EDITOR, MetricsWiki.EDITOR_PASSWORD, "push",
                    "origin", "main");
            assertEquals(0, accepted.exit(), accepted.output());
            // A wrong password: 401 without credentials, 401 with them; git gives up, no pack is sent.
            wiki.commit(clone, "Fourth.md", "# Fourth\n");
            GitClient.Run refused = wiki.git(clone, MetricsWiki.EDITOR, "not the password", "push", "origin",
                    "main");
            assertNotEquals(0, refused.exit(), refused.output());
            // A few requests.
            assertEquals(200, wiki.get("/").statusCode());
            assertEquals(200, wiki.get("/Third.html").statusCode());
            assertEquals(404, wiki.get("/No-Such-Page.html").statusCode());
            assertEquals(200, wiki.get("/wiki.git").statusCode());

            String scrape = wiki.scrape();
            assertEquals(1, MetricsWiki.value(scrape, builds("full", "ok")));
            assertEquals(1, MetricsWiki.value(scrape, builds("incremental", "ok")));
            assertEquals(0, MetricsWiki.value(scrape, builds("full", "failed")));
            assertEquals(0, MetricsWiki.value(scrape, builds("incremental", "failed")));
            assertEquals(1, MetricsWiki.value(scrape, "toaster_wiki_build_duration_seconds_count{mode=\"full\"}"));
            assertEquals(1, MetricsWiki.value(scrape,
                    "toaster_wiki_build_duration_seconds_count{mode=\"incremental\"}"));
            assertEquals(3, MetricsWiki.value(scrape, "toaster_wiki_build_pages"));
            assertEquals(1, MetricsWiki.value(scrape, pushes("accepted", "none")));
            assertEquals(1, MetricsWiki.value(scrape, pushes("refused", "auth")));
            for (String reason : new String[] {"checks", "limits", "other"}) {
                assertEquals(0, MetricsWiki.value(scrape, pushes("refused", reason)), reason);
            }
            // 2xx: the clone's two, the accepted push's advertisement and pack, the repository's page; 4xx: the
            // accepted push's first ask (no credentials), the refused push's two
            assertEquals(5, MetricsWiki.value(scrape, requests("git", "2xx")));
            assertEquals(3, MetricsWiki.value(scrape, requests("git", "4xx")));
            assertEquals(2, MetricsWiki.value(scrape, requests("site", "2xx")));
            assertEquals(1, MetricsWiki.value(scrape, requests("site", "4xx")));
            assertEquals(0, MetricsWiki.value(scrape, requests("other", "4xx")));
            assertEquals(0, MetricsWiki.value(scrape, requests("git", "5xx")));
        }
    }

    @Test
    void refusalsAreCountedByReason() throws Exception {
        assumeTrue(GitClient.installed(), "the git command-line client is not installed");
        try (MetricsWiki wiki = new MetricsWiki(tmp)) {
            wiki.pushes.buildNow();
            Path clone = wiki.cloneFresh("c1");
            wiki.commit(clone, "Page.md", "# Page\n");
            // Not an editor: the right password of an account that may not push.
            GitClient.Run user = wiki.git(clone, MetricsWiki.USER, MetricsWiki.USER_PASSWORD, "push", "origin",
                    "main");
            assertNotEquals(0, user.exit(), user.output());
            // Another branch than main: the path rules refuse it.
            GitClient.Run branch = wiki.git(clone, MetricsWiki.EDITOR, MetricsWiki.EDITOR_PASSWORD, "push",
                    "origin", "main:other");
            assertNotEquals(0, branch.exit(), branch.output());
            // One file over the limit of 32 KB: JGit stops reading the pack.
            wiki.commit(clone, "big.bin", "x".repeat(33 * 1024) + new java.util.Random(7).nextLong());
            GitClient.Run big = wiki.git(clone, MetricsWiki.EDITOR, MetricsWiki.EDITOR_PASSWORD, "push", "origin",
                    "main");
            assertNotEquals(0, big.exit(), big.output());

            String scrape = wiki.scrape();
            assertEquals(1, MetricsWiki.value(scrape, pushes("refused", "auth")));
            assertEquals(1, MetricsWiki.value(scrape, pushes("refused", "checks")));
            assertEquals(1, MetricsWiki.value(scrape, pushes("refused", "limits")));
            assertEquals(0, MetricsWiki.value(scrape, pushes("refused", "other")));
            assertEquals(0, MetricsWiki.value(scrape, pushes("accepted", "none")));
            assertEquals(0, MetricsWiki.value(scrape, builds("incremental", "ok")), "nothing refused is built");
        }
    }

    @Test
    void savesFromTheBrowserAreCountedByOutcomeAndBuilt() throws Exception {
        try (MetricsWiki wiki = new MetricsWiki(tmp)) {
            wiki.pushes.buildNow();
            ObjectId main = wiki.repository.exactRef("refs/heads/main").getObjectId();
            ObjectId child = childOf(wiki, main);
            assertInstanceOf(Saves.Published.class,
                    wiki.pushes.saves().save(MetricsWiki.EDITOR, "127.0.0.1", Optional.of(main), child));
            // The same change again: main is no longer the commit it was made on.
            assertInstanceOf(Saves.Moved.class,
                    wiki.pushes.saves().save(MetricsWiki.EDITOR, "127.0.0.1", Optional.of(main), child));

            String scrape = wiki.scrape();
            assertEquals(1, MetricsWiki.value(scrape, "toaster_wiki_saves_total{outcome=\"saved\"}"));
            assertEquals(1, MetricsWiki.value(scrape, "toaster_wiki_saves_total{outcome=\"conflict\"}"));
            assertEquals(0, MetricsWiki.value(scrape, "toaster_wiki_saves_total{outcome=\"refused\"}"));
            assertEquals(0, MetricsWiki.value(scrape, "toaster_wiki_saves_total{outcome=\"failed\"}"));
            assertEquals(1, MetricsWiki.value(scrape, builds("incremental", "ok")));
            assertEquals(0, MetricsWiki.value(scrape, pushes("accepted", "none")), "a save is not a push");
        }
    }

    @Test
    void aBuildThatThrowsIsCountedFailedInTheModeItWasAskedFor() throws Exception {
        WikiMetrics metrics = WikiMetrics.create();
        BuildOptions missing = BuildOptions.of(tmp.resolve("no-such.git"), "main", tmp.resolve("site"));
        assertThrows(IOException.class, () -> WikiBuilder.build(missing.full(true), metrics.builds()));
        assertThrows(IOException.class, () -> WikiBuilder.build(missing.full(false), metrics.builds()));
        assertEquals(1, Samples.value(metrics.registry(), "toaster_wiki_builds_total", "mode", "full", "outcome",
                "failed"));
        assertEquals(1, Samples.value(metrics.registry(), "toaster_wiki_builds_total", "mode", "incremental",
                "outcome", "failed"));
        assertEquals(0, Samples.value(metrics.registry(), "toaster_wiki_build_pages"));
    }

    /** A commit on {@code parent} with one page more, as the browser's editor writes one. */
    private static ObjectId childOf(MetricsWiki wiki, ObjectId parent) throws IOException {
        try (ObjectInserter inserter = wiki.repository.newObjectInserter();
             RevWalk walk = new RevWalk(wiki.repository)) {
            RevCommit base = walk.parseCommit(parent);
            org.eclipse.jgit.dircache.DirCache index = org.eclipse.jgit.dircache.DirCache.newInCore();
            org.eclipse.jgit.dircache.DirCacheBuilder builder = index.builder();
            builder.addTree(new byte[0], 0, wiki.repository.newObjectReader(), base.getTree());
            org.eclipse.jgit.dircache.DirCacheEntry page = new org.eclipse.jgit.dircache.DirCacheEntry("Saved.md");
            page.setFileMode(org.eclipse.jgit.lib.FileMode.REGULAR_FILE);
            page.setObjectId(inserter.insert(org.eclipse.jgit.lib.Constants.OBJ_BLOB,
                    "# Saved\n\nFrom the browser.\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            builder.add(page);
            builder.finish();
            CommitBuilder commit = new CommitBuilder();
            PersonIdent ident = new PersonIdent("Ed", MetricsWiki.EDITOR);
            commit.setAuthor(ident);
            commit.setCommitter(ident);
            commit.setMessage("saved in the browser");
            commit.setParentId(parent);
            commit.setTreeId(index.writeTree(inserter));
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        }
    }
}
