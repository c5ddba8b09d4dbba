package org.godshell.toaster.site.shipped;

import static org.godshell.toaster.site.shipped.WikiRepo.DOCS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped documentation on a new wiki, unchanged, and after upgrades with and without the wiki's edits. */
class ShippedDocsTest {

    @TempDir
    Path dir;

    private Path bare() {
        return dir.resolve("wiki/wiki.git");
    }

    private DocsUpdate follow(Map<String, String> files, String version) throws IOException {
        return ShippedDocs.follow(bare(), WikiRepo.folder(dir.resolve("wiki-content"), files), version, DOCS);
    }

    private ObjectId main() throws IOException {
        return WikiRepo.ref(bare(), ShippedDocs.MAIN).orElseThrow();
    }

    private ObjectId shipped() throws IOException {
        return WikiRepo.ref(bare(), ShippedDocs.REF).orElseThrow();
    }

    @Test
    void aNewWikiStartsAtTheShippedCommitAndARunWithTheSameFilesChangesNothing() throws Exception {
        DocsUpdate created = follow(Map.of("Home.md", "# Home\n", "Setup.md", "# Setup\n"), "0.1");
        assertInstanceOf(DocsUpdate.Created.class, created);
        assertEquals(main(), shipped(), "main starts from the shipped branch: the merge base of later upgrades");
        RevCommit first = WikiRepo.commit(bare(), main());
        assertEquals("documentation for 0.1\n", first.getFullMessage());
        assertEquals("Toaster Docs", first.getAuthorIdent().getName());
        assertEquals(0, first.getParentCount());
        assertEquals(Map.of("Home.md", "# Home\n", "Setup.md", "# Setup\n"), WikiRepo.files(bare(), main()));

        DocsUpdate again = follow(Map.of("Home.md", "# Home\n", "Setup.md", "# Setup\n"), "0.2");
        assertInstanceOf(DocsUpdate.UpToDate.class, again);
        assertFalse(again.moved());
        assertEquals(first.getId(), main(), "a version that ships the same pages makes no commit");
        assertEquals(first.getId(), shipped());
    }

    @Test
    void withoutEditsTheWikiMovesForwardToTheNewVersion() throws Exception {
        follow(Map.of("Home.md", "# Home\n"), "0.1");
        ObjectId before = shipped();
        DocsUpdate update = follow(Map.of("Home.md", "# Home\n\nNew.\n", "New.md", "# New\n"), "0.2");
        assertInstanceOf(DocsUpdate.FastForward.class, update);
        assertTrue(update.moved());
        assertEquals(shipped(), main());
        RevCommit commit = WikiRepo.commit(bare(), main());
        assertEquals(before, commit.getParent(0).getId());
        assertEquals("documentation for 0.2\n", commit.getFullMessage());
    }

    @Test
    void theWikisEditsAndTheNewVersionsMeetInAMergeCommitWithTwoParents() throws Exception {
        follow(Map.of("Home.md", "# Home\n\nline 1\n\nline 2\n\nline 3\n", "Setup.md", "# Setup\n"), "0.1");
        ObjectId edit = WikiRepo.edit(bare(), WikiRepo.utf8(Map.of("Home.md",
                "# Home\n\nline 1 edited by Ann\n\nline 2\n\nline 3\n", "Setup.md", "# Setup\n",
                "Ann.md", "# Ann's page\n")));
        DocsUpdate update = follow(Map.of("Home.md", "# Home\n\nline 1\n\nline 2\n\nline 3 fixed in 0.2\n",
                "Setup.md", "# Setup for 0.2\n"), "0.2");
        assertInstanceOf(DocsUpdate.Merged.class, update);
        RevCommit merge = WikiRepo.commit(bare(), main());
        assertEquals(2, merge.getParentCount());
        assertEquals(edit, merge.getParent(0).getId(), "the wiki's main is the first parent");
        assertEquals(shipped(), merge.getParent(1).getId());
        assertTrue(merge.getFullMessage().startsWith("documentation for 0.2\n"), merge.getFullMessage());
        assertEquals(Map.of("Home.md", "# Home\n\nline 1 edited by Ann\n\nline 2\n\nline 3 fixed in 0.2\n",
                "Setup.md", "# Setup for 0.2\n", "Ann.md", "# Ann's page\n"), WikiRepo.files(bare(), main()));
        assertInstanceOf(DocsUpdate.UpToDate.class, follow(Map.of("Home.md",
                "# Home\n\nline 1\n\nline 2\n\nline 3 fixed in 0.2\n", "Setup.md", "# Setup for 0.2\n"), "0.2"));
    }

    @Test
    void aWikiMadeBeforeTheShippedBranchTakesItsFirstImportAsTheBase() throws Exception {
        Files.createDirectories(bare());
        try (Repository repository = Git.init().setBare(true).setInitialBranch("main").setDirectory(bare().toFile())
                .call().getRepository()) {
            ObjectId imported = WikiRepo.write(repository, WikiRepo.utf8(Map.of("Home.md", "# Home\n\nold\n",
                    "Old.md", "# Old\n")), List.of(), "The toaster's documentation\n");
            Refs.move(repository, ShippedDocs.MAIN, ObjectId.zeroId(), imported, DOCS, "init");
        }
        WikiRepo.edit(bare(), WikiRepo.utf8(Map.of("Home.md", "# Home\n\nold\n", "Old.md", "# Old, edited\n")));
        ObjectId root = WikiRepo.commit(bare(), main()).getParent(0).getId();
        DocsUpdate update = follow(Map.of("Home.md", "# Home\n\nnew\n", "Old.md", "# Old\n"), "0.2");
        assertInstanceOf(DocsUpdate.Merged.class, update);
        assertEquals(root, WikiRepo.commit(bare(), shipped()).getParent(0).getId(),
                "the first import is the shipped branch's start");
        assertEquals(Map.of("Home.md", "# Home\n\nnew\n", "Old.md", "# Old, edited\n"),
                WikiRepo.files(bare(), main()));
    }

    @Test
    void aWikiWhoseFirstImportIsTheShippedTextJustAdoptsIt() throws Exception {
        Files.createDirectories(bare());
        ObjectId imported;
        try (Repository repository = Git.init().setBare(true).setInitialBranch("main").setDirectory(bare().toFile())
                .call().getRepository()) {
            imported = WikiRepo.write(repository, WikiRepo.utf8(Map.of("Home.md", "# Home\n")), List.of(),
                    "The toaster's documentation\n");
            Refs.move(repository, ShippedDocs.MAIN, ObjectId.zeroId(), imported, DOCS, "init");
        }
        assertInstanceOf(DocsUpdate.UpToDate.class, follow(Map.of("Home.md", "# Home\n"), "0.1"));
        assertEquals(imported, shipped());
        assertEquals(imported, main());
    }

    @Test
    void aRepositoryWithoutMainGetsTheDocumentationAsItsMain() throws Exception {
        Files.createDirectories(bare());
        Git.init().setBare(true).setInitialBranch("main").setDirectory(bare().toFile()).call().close();
        assertInstanceOf(DocsUpdate.Created.class, follow(Map.of("Home.md", "# Home\n"), "0.1"));
        assertEquals(shipped(), main());
    }

    @Test
    void aRefReadBeforeSomeoneElseMovedItIsNotOverwritten() throws Exception {
        follow(Map.of("Home.md", "# Home\n"), "0.1");
        ObjectId stale = main();
        ObjectId pushed = WikiRepo.edit(bare(), WikiRepo.utf8(Map.of("Home.md", "# Home, pushed\n")));
        try (Repository repository = Git.open(bare().toFile()).getRepository()) {
            ObjectId late = WikiRepo.write(repository, WikiRepo.utf8(Map.of("Home.md", "# late\n")),
                    List.of(stale), "late\n");
            assertThrows(Refs.Moved.class, () -> Refs.tryMove(repository, ShippedDocs.MAIN, stale, late, DOCS, "x"));
        }
        assertEquals(pushed, main(), "the push that came first stays");
    }
}
