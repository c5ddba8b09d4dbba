package org.godshell.toaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code toaster wiki build} on a repository made with JGit: summary, --strict, bad arguments. */
class WikiCommandTest {

    @TempDir
    Path temp;

    private Path repo;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void repository() throws Exception {
        repo = temp.resolve("wiki");
        Files.createDirectories(repo);
        Files.writeString(repo.resolve("Home.md"), "# Home\n\nSee [[Other page]].\n");
        Files.writeString(repo.resolve("Other-page.md"), "---\ntitle: Other page\n---\nBack [[Home]].\n");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent ann = new PersonIdent("Ann Author", "ann@example.org");
            git.commit().setMessage("first pages").setAuthor(ann).setCommitter(ann).setSign(false).call();
        }
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Toaster.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void buildsAndSummarizes() throws Exception {
        Path site = temp.resolve("site");
        assertEquals(0, run("wiki", "build", "--repo", repo.toString(), "--out", site.toString(), "--strict"),
                err::toString);
        assertTrue(out.toString().contains("2 pages"), out::toString);
        assertTrue(out.toString().contains("0 warnings, 0 broken links"), out::toString);
        assertTrue(Files.isSymbolicLink(site));
        assertTrue(Files.readString(site.resolve("Other-page.html")).contains("Last edited by Ann Author"));
    }

    @Test
    void rebuildsIncrementallyUnlessFull() throws Exception {
        Path site = temp.resolve("site");
        assertEquals(0, run("wiki", "build", "--repo", repo.toString(), "--out", site.toString()), err::toString);
        assertTrue(out.toString().contains("full: no previous build: 2 pages rendered"), out::toString);
        Files.writeString(repo.resolve("Home.md"), "# Home\n\nSee [[Other page]], edited.\n");
        try (Git git = Git.open(repo.toFile())) {
            PersonIdent ann = new PersonIdent("Ann Author", "ann@example.org");
            git.commit().setAll(true).setMessage("edit").setAuthor(ann).setCommitter(ann).setSign(false).call();
        }
        assertEquals(0, run("wiki", "build", "--repo", repo.toString(), "--out", site.toString()), err::toString);
        assertTrue(out.toString().matches("(?s).*incremental from [0-9a-f]{12}: 1 pages rendered, .*"),
                out::toString);
        assertTrue(Files.readString(site.resolve("index.html")).contains("edited"));
        assertEquals(0, run("wiki", "build", "--repo", repo.toString(), "--out", site.toString(), "--full"),
                err::toString);
        assertTrue(out.toString().contains("full: --full: 2 pages rendered"), out::toString);
    }

    @Test
    void writesCommitAndHistoryPagesOnlyForAStaticExport() throws Exception {
        Path site = temp.resolve("site");
        String commit;
        try (Git git = Git.open(repo.toFile())) {
            commit = git.getRepository().resolve("main").name();
        }
        assertEquals(0, run("wiki", "build", "--repo", repo.toString(), "--out", site.toString()), err::toString);
        assertTrue(Files.readString(site.resolve("index.html")).contains("_history/Home.html"),
                "a page links to its history, which the server renders on request");
        assertFalse(Files.exists(site.resolve("_commit")), "no commit pages without --static");
        assertFalse(Files.exists(site.resolve("_history/Home.html")), "no history pages without --static");
        assertEquals(0, run("wiki", "build", "--repo", repo.toString(), "--out", site.toString(), "--static"),
                err::toString);
        assertTrue(Files.readString(site.resolve("_history/Home.html")).contains("_commit/" + commit + ".html"),
                "the history links to the commit's page");
        assertTrue(Files.readString(site.resolve("_commit/" + commit + ".html")).contains("first pages"));
        assertEquals(0, run("wiki", "build", "--repo", repo.toString(), "--out", site.toString()), err::toString);
        assertFalse(Files.exists(site.resolve("_commit")), "an incremental build without it drops them");
        assertFalse(Files.exists(site.resolve("_history/Home.html")));
        assertEquals(0, run("wiki", "build", "--repo", repo.toString(), "--out", site.toString(), "--commit-pages"),
                err::toString);
        assertTrue(Files.exists(site.resolve("_history/Home.html")), "--commit-pages, its former name, still works");
    }

    @Test
    void strictRefusesBrokenLinksAndPublishesNothing() throws Exception {
        Files.writeString(repo.resolve("Home.md"), "# Home\n\n[[Nowhere]]\n");
        try (Git git = Git.open(repo.toFile())) {
            PersonIdent ann = new PersonIdent("Ann Author", "ann@example.org");
            git.commit().setAll(true).setMessage("broken").setAuthor(ann).setCommitter(ann).setSign(false).call();
        }
        Path site = temp.resolve("site");
        assertEquals(1, run("wiki", "build", "--repo", repo.toString(), "--out", site.toString(), "--strict"));
        assertTrue(err.toString().contains("broken link: Home → Nowhere"), err::toString);
        assertFalse(Files.exists(site));
        assertEquals(0, run("wiki", "build", "--repo", repo.toString(), "--out", site.toString()));
        assertTrue(Files.readString(site.resolve("index.html")).contains("wiki-missing"));
    }

    @Test
    void refusesWhatIsNotARepositoryOrARef() throws Exception {
        Path site = temp.resolve("site");
        assertEquals(1, run("wiki", "build", "--repo", temp.resolve("none").toString(), "--out", site.toString()));
        assertTrue(err.toString().contains("is not a directory"), err::toString);
        assertEquals(1, run("wiki", "build", "--repo", repo.toString(), "--out", site.toString(), "--ref", "nope"));
        assertTrue(err.toString().contains("no commit at 'nope'; its branches: "), err::toString);
        assertTrue(err.toString().contains("(choose one with --ref)"), err::toString);
        assertEquals(1, run("wiki", "build", "--repo", repo.toString(), "--out", site.toString(),
                "--site-url", "javascript:alert(1)"));
        assertTrue(err.toString().contains("http://"), err::toString);
        assertEquals(2, run("wiki", "build", "--out", site.toString()));
    }

    @Test
    void refusesToReplaceADirectoryItDidNotMake() throws Exception {
        Path site = temp.resolve("site");
        Files.createDirectories(site);
        Files.writeString(site.resolve("keep.txt"), "mine");
        assertEquals(1, run("wiki", "build", "--repo", repo.toString(), "--out", site.toString()));
        assertTrue(err.toString().contains("not a symlink made by a wiki build"), err::toString);
        assertEquals("mine", Files.readString(site.resolve("keep.txt")));
    }
}
