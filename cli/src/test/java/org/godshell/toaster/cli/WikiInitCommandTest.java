package org.godshell.toaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.godshell.toaster.config.WikiServeConfig;
import org.godshell.toaster.site.build.BuildReport;
import org.godshell.toaster.site.build.WikiBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code toaster wiki init} on a temporary prefix: the first commit, idempotence, refusals. */
class WikiInitCommandTest {

    @TempDir
    Path prefix;

    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void installation() throws Exception {
        Files.createDirectories(prefix.resolve("control"));
        Files.writeString(prefix.resolve("control/me"), "mx.example.test\n");
        Path content = Files.createDirectories(prefix.resolve("wiki-content"));
        Files.writeString(content.resolve("Home.md"), "# Home\n\nSee [[Guide]].\n");
        Files.createDirectories(content.resolve("guide"));
        Files.writeString(content.resolve("guide/Guide.md"), "# Guide\n");
        Files.writeString(content.resolve(".hidden"), "not taken");
        Files.createSymbolicLink(content.resolve("link.md"), Path.of("/etc/passwd"));
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.add(2, "--prefix");
        all.add(3, prefix.toString());
        return Toaster.execute(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    }

    private List<String> filesOnMain() throws Exception {
        List<String> files = new ArrayList<>();
        try (Repository repository = Git.open(prefix.resolve("wiki/wiki.git").toFile()).getRepository();
                RevWalk walk = new RevWalk(repository)) {
            RevCommit main = walk.parseCommit(repository.resolve("refs/heads/main"));
            assertEquals("postmaster@mx.example.test", main.getAuthorIdent().getEmailAddress());
            assertEquals(0, main.getParentCount());
            try (TreeWalk tree = new TreeWalk(repository)) {
                tree.addTree(main.getTree());
                tree.setRecursive(true);
                while (tree.next()) {
                    files.add(tree.getPathString());
                }
            }
        }
        return files;
    }

    @Test
    void withAListenAddressTheSiteIsBuiltAsServeWouldBuildIt() throws Exception {
        Files.writeString(prefix.resolve("control/listen-http"), "127.0.0.1:2080\n");
        assertEquals(0, run("wiki", "init"), err.toString());
        assertTrue(out.toString().contains("built the site: 2 pages in " + prefix.resolve("wiki/site")), out.toString());
        assertTrue(Files.isRegularFile(prefix.resolve("wiki/site/index.html")));
        // wiki serve's first build, with the options serve uses: nothing left to render
        BuildReport again = WikiBuilder.build(WikiSite.options(prefix,
                WikiServeConfig.load(prefix.resolve("control")), null, null));
        assertEquals(0, again.rendered(), again.mode());
        assertTrue(again.mode().startsWith("incremental"), again.mode());
    }

    @Test
    void behindAnotherWebServerTheSiteNamesControlWikiurl() throws Exception {
        Files.writeString(prefix.resolve("control/listen-http"), "127.0.0.1:8080\n");
        Files.writeString(prefix.resolve("control/wikiurl"), "https://mail.example.test/\n");
        assertEquals("https://mail.example.test/wiki.git", WikiSite.options(prefix,
                WikiServeConfig.load(prefix.resolve("control")), null, null).site().cloneUrl());
        assertEquals(0, run("wiki", "init"), err.toString());
        assertTrue(Files.readString(prefix.resolve("wiki/site/index.html"))
                .contains("https://mail.example.test/wiki.git"));
    }

    @Test
    void withNoBuildTheSiteIsLeftToTheWikisStart() throws Exception {
        Files.writeString(prefix.resolve("control/listen-http"), "127.0.0.1:2080\n");
        assertEquals(0, run("wiki", "init", "--no-build"), err.toString());
        assertTrue(out.toString().contains("created "), out.toString());
        assertFalse(out.toString().contains("built the site"), out.toString());
        assertFalse(Files.exists(prefix.resolve("wiki/site"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void withoutAListenAddressNoSiteIsBuilt() throws Exception {
        assertEquals(0, run("wiki", "init"), err.toString());
        assertFalse(out.toString().contains("built the site"), out.toString());
        assertFalse(Files.exists(prefix.resolve("wiki/site"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void theDocumentationBecomesTheFirstCommitOfMainOnce() throws Exception {
        assertEquals(0, run("wiki", "init"), err.toString());
        assertTrue(out.toString().startsWith("created " + prefix.resolve("wiki/wiki.git")), out.toString());
        assertEquals(List.of("Home.md", "guide/Guide.md"), filesOnMain());
        assertEquals(0, run("wiki", "init"), err.toString());
        assertTrue(out.toString().contains("already: nothing done"), out.toString());
        assertEquals(List.of("Home.md", "guide/Guide.md"), filesOnMain());
    }

    @Test
    void anUpgradesPagesAreMergedWithTheWikisEditsAndLogged() throws Exception {
        Files.writeString(prefix.resolve("VERSION"), "0.1.0\n");
        assertEquals(0, run("wiki", "init"), err.toString());
        assertTrue(out.toString().contains("(documentation for 0.1.0)"), out.toString());
        assertEquals("0.1.0\n", Files.readString(prefix.resolve("wiki/docs-version")));
        editOnMain("guide/Guide.md", "# Guide\n\nAn editor's line.\n");
        Files.writeString(prefix.resolve("VERSION"), "0.2.0\n");
        Files.writeString(prefix.resolve("wiki-content/Home.md"), "# Home\n\nSee [[Guide]], new in 0.2.\n");
        assertEquals(0, run("wiki", "init"), err.toString());
        assertTrue(out.toString().contains("wiki docs: merged the documentation for 0.2.0 with the wiki's edits"),
                out.toString());
        assertTrue(out.toString().contains("after the wiki's next start"), out.toString());
        assertEquals("0.2.0\n", Files.readString(prefix.resolve("wiki/docs-version")));
        assertTrue(Files.readString(prefix.resolve("wiki/push.log"))
                .contains("account=toaster-docs client=local docs version=0.2.0 "), "the push log says it too");
        try (Repository repository = Git.open(prefix.resolve("wiki/wiki.git").toFile()).getRepository();
                RevWalk walk = new RevWalk(repository)) {
            RevCommit main = walk.parseCommit(repository.resolve("refs/heads/main"));
            assertEquals(2, main.getParentCount());
            assertEquals("documentation for 0.2.0", main.getShortMessage());
        }
    }

    @Test
    void aPageChangedOnBothSidesIsReportedAndMainStaysAsItWas() throws Exception {
        Files.writeString(prefix.resolve("VERSION"), "0.1.0\n");
        assertEquals(0, run("wiki", "init"), err.toString());
        editOnMain("Home.md", "# Home\n\nThe editors' text.\n");
        Files.writeString(prefix.resolve("VERSION"), "0.2.0\n");
        Files.writeString(prefix.resolve("wiki-content/Home.md"), "# Home\n\nThe new version's text.\n");
        assertEquals(0, run("wiki", "init"), err.toString());
        String said = out.toString();
        assertTrue(said.contains("wiki docs: NOT merged"), said);
        assertTrue(said.contains("Home.md: changed in the wiki and in 0.2.0"), said);
        assertTrue(said.contains("git diff main origin/shipped-docs -- PAGE"), said);
        assertTrue(Files.readString(prefix.resolve("wiki/push.log")).contains("result=not-merged"));
        try (Repository repository = Git.open(prefix.resolve("wiki/wiki.git").toFile()).getRepository()) {
            assertEquals("# Home\n\nThe editors' text.\n", new String(repository.open(
                    repository.resolve("refs/heads/main:Home.md")).getBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        assertEquals(0, run("wiki", "init"), err.toString());
        assertTrue(out.toString().contains("NOT merged"), "said again until someone merges it");
    }

    /** A commit on main changing one file, as a push would make it. */
    private void editOnMain(String path, String text) throws Exception {
        Path clone = prefix.resolve("clone");
        try (Git git = Git.cloneRepository().setURI(prefix.resolve("wiki/wiki.git").toUri().toString())
                .setDirectory(clone.toFile()).call()) {
            Files.writeString(clone.resolve(path), text);
            git.commit().setAll(true).setMessage("an edit").setAuthor("Ann", "ann@example.org")
                    .setCommitter("Ann", "ann@example.org").setSign(false).call();
            git.push().call();
        }
        org.eclipse.jgit.util.FileUtils.delete(clone.toFile(), org.eclipse.jgit.util.FileUtils.RECURSIVE);
    }

    @Test
    void aNameThePushRulesRefuseStopsItBeforeAnyBranchExists() throws Exception {
        Files.writeString(prefix.resolve("wiki-content/con.md"), "# device name\n");
        assertEquals(1, run("wiki", "init"));
        assertTrue(err.toString().contains("con.md: 'con.md' is a reserved device name"), err.toString());
        Files.delete(prefix.resolve("wiki-content/con.md"));
        Files.write(prefix.resolve("wiki-content/Bad.md"), new byte[] {'#', ' ', (byte) 0xff, '\n'});
        assertEquals(1, run("wiki", "init"));
        assertTrue(err.toString().contains("Bad.md: a .md page must be UTF-8 text"), err.toString());
        if (Files.exists(prefix.resolve("wiki/wiki.git"))) {
            try (Repository repository = Git.open(prefix.resolve("wiki/wiki.git").toFile()).getRepository()) {
                assertNull(repository.exactRef("refs/heads/main"));
            }
        }
    }

    @Test
    void aMissingFolderIsAClearError() {
        assertEquals(1, run("wiki", "init", "--from", prefix.resolve("nowhere").toString()));
        assertTrue(err.toString().contains("is not a directory"), err.toString());
        assertFalse(Files.exists(prefix.resolve("wiki/wiki.git")));
    }
}
