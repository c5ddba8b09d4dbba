package org.godshell.toaster.site.shipped;

import static org.godshell.toaster.site.shipped.WikiRepo.DOCS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pages deleted, renamed, binary or changed on both sides: merged when git can, else reported and kept. */
class ConflictsTest {

    private static final String HOME = "# Home\n\nline 1\n\nline 2\n\nline 3\n";

    @TempDir
    Path dir;

    private Path bare() {
        return dir.resolve("wiki.git");
    }

    private DocsUpdate follow(Map<String, String> files, String version) throws IOException {
        return ShippedDocs.follow(bare(), WikiRepo.folder(dir.resolve("content"), files), version, DOCS);
    }

    private ObjectId main() throws IOException {
        return WikiRepo.ref(bare(), ShippedDocs.MAIN).orElseThrow();
    }

    @Test
    void theSameLinesChangedOnBothSidesLeaveMainAsItIsAndAreReportedUntilMerged() throws Exception {
        follow(Map.of("Home.md", HOME, "Other.md", "# Other\n"), "0.1");
        ObjectId edited = WikiRepo.edit(bare(), WikiRepo.utf8(Map.of("Home.md", HOME.replace("line 2", "Ann's 2"),
                "Other.md", "# Other\n")));
        Map<String, String> next = Map.of("Home.md", HOME.replace("line 2", "0.2's 2"), "Other.md", "# Other 0.2\n");
        DocsUpdate update = follow(next, "0.2");
        DocsUpdate.Conflicts conflicts = assertInstanceOf(DocsUpdate.Conflicts.class, update);
        assertEquals(List.of(new DocsUpdate.PageConflict("Home.md", "changed in the wiki and in 0.2")),
                conflicts.pages());
        assertEquals(edited, main(), "nothing of the new version is committed while a page conflicts");
        ObjectId shipped = WikiRepo.ref(bare(), ShippedDocs.REF).orElseThrow();
        assertEquals(conflicts.shipped(), shipped);
        assertEquals(HOME.replace("line 2", "0.2's 2"), WikiRepo.files(bare(), shipped).get("Home.md"),
                "the new text waits on its branch");
        assertTrue(String.join("\n", update.lines()).contains("git merge origin/shipped-docs"), update.lines()
                .toString());

        assertInstanceOf(DocsUpdate.Conflicts.class, follow(next, "0.2"), "said again on the next run");
        assertEquals(edited, main());

        // an editor merges in a clone and pushes: main then contains the branch and the report stops
        try (Repository repository = Git.open(bare().toFile()).getRepository()) {
            ObjectId merged = WikiRepo.write(repository, WikiRepo.utf8(Map.of("Home.md",
                    HOME.replace("line 2", "Ann's and 0.2's 2"), "Other.md", "# Other 0.2\n")),
                    List.of(edited, shipped), "merge shipped-docs\n");
            Refs.move(repository, ShippedDocs.MAIN, edited, merged, WikiRepo.EDITOR, "push");
        }
        assertInstanceOf(DocsUpdate.UpToDate.class, follow(next, "0.2"));
    }

    @Test
    void pagesDeletedOrRenamedInTheWikiStaySoUnlessTheNewVersionChangedThem() throws Exception {
        follow(Map.of("Home.md", HOME, "Gone.md", "# Gone\n", "Renamed.md", "# Renamed\n"), "0.1");
        WikiRepo.edit(bare(), WikiRepo.utf8(Map.of("Home.md", HOME, "New name.md", "# Renamed\n")));
        DocsUpdate update = follow(Map.of("Home.md", HOME.replace("line 3", "0.2's 3"), "Gone.md", "# Gone\n",
                "Renamed.md", "# Renamed in 0.2\n"), "0.2");
        DocsUpdate.Conflicts conflicts = assertInstanceOf(DocsUpdate.Conflicts.class, update);
        assertEquals(List.of(new DocsUpdate.PageConflict("Renamed.md",
                "deleted or renamed in the wiki, changed in 0.2")), conflicts.pages());

        WikiRepo.edit(bare(), WikiRepo.utf8(Map.of("Home.md", HOME, "New name.md", "# Renamed\n",
                "Renamed.md", "# Renamed in 0.2\n")));
        assertInstanceOf(DocsUpdate.Merged.class, follow(Map.of("Home.md", HOME.replace("line 3", "0.2's 3"),
                "Gone.md", "# Gone\n", "Renamed.md", "# Renamed in 0.2\n"), "0.2"));
        assertEquals(Map.of("Home.md", HOME.replace("line 3", "0.2's 3"), "New name.md", "# Renamed\n",
                "Renamed.md", "# Renamed in 0.2\n"), WikiRepo.files(bare(), main()), "Gone.md stays deleted");
    }

    @Test
    void aPageTheNewVersionDeletesGoesWhenTheWikiLeftItAlone() throws Exception {
        follow(Map.of("Home.md", HOME, "Old.md", "# Old\n"), "0.1");
        WikiRepo.edit(bare(), WikiRepo.utf8(Map.of("Home.md", HOME, "Old.md", "# Old\n", "Mine.md", "# Mine\n")));
        assertInstanceOf(DocsUpdate.Merged.class, follow(Map.of("Home.md", HOME), "0.2"));
        assertEquals(Map.of("Home.md", HOME, "Mine.md", "# Mine\n"), WikiRepo.files(bare(), main()));
    }

    @Test
    void aPageTheNewVersionDeletesButTheWikiChangedIsReportedAndKept() throws Exception {
        follow(Map.of("Home.md", HOME, "Kept.md", "# Kept\n"), "0.1");
        ObjectId edited = WikiRepo.edit(bare(), WikiRepo.utf8(Map.of("Home.md", HOME, "Kept.md",
                "# Kept, edited\n")));
        DocsUpdate update = follow(Map.of("Home.md", HOME), "0.2");
        assertEquals(List.of(new DocsUpdate.PageConflict("Kept.md", "changed in the wiki, deleted in 0.2")),
                assertInstanceOf(DocsUpdate.Conflicts.class, update).pages());
        assertEquals(edited, main());
    }

    @Test
    void binaryFilesMergeWhenOneSideChangedThemAndConflictWhenBothDid() throws Exception {
        Path content = WikiRepo.folder(dir.resolve("content"), Map.of("Home.md", HOME));
        Files.write(content.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2});
        Files.write(content.resolve("photo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 9});
        ShippedDocs.follow(bare(), content, "0.1", DOCS);
        Map<String, byte[]> edited = WikiRepo.utf8(Map.of("Home.md", HOME));
        edited.put("logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3});
        edited.put("photo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 9});
        ObjectId mine = WikiRepo.edit(bare(), edited);
        Files.write(content.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 7});
        Files.write(content.resolve("photo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 10});
        DocsUpdate update = ShippedDocs.follow(bare(), content, "0.2", DOCS);
        assertEquals(List.of(new DocsUpdate.PageConflict("logo.png", "changed in the wiki and in 0.2")),
                assertInstanceOf(DocsUpdate.Conflicts.class, update).pages());
        assertEquals(mine, main());

        Files.write(content.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3});
        assertInstanceOf(DocsUpdate.Merged.class, ShippedDocs.follow(bare(), content, "0.3", DOCS));
        try (Repository repository = Git.open(bare().toFile()).getRepository()) {
            assertEquals(List.of((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G', (byte) 0, (byte) 10),
                    bytes(repository.open(repository.resolve("refs/heads/main:photo.png")).getBytes()));
        }
    }

    private static List<Byte> bytes(byte[] raw) {
        return java.util.stream.IntStream.range(0, raw.length).mapToObj(i -> raw[i]).toList();
    }

    @Test
    void aMainWithUnrelatedHistoryMergesWithoutABaseAndReportsPagesBothHave() throws Exception {
        follow(Map.of("Home.md", HOME), "0.1");
        try (Repository repository = Git.open(bare().toFile()).getRepository()) {
            ObjectId old = repository.exactRef(ShippedDocs.MAIN).getObjectId();
            ObjectId unrelated = WikiRepo.write(repository, WikiRepo.utf8(Map.of("Home.md", "# Another home\n",
                    "Theirs.md", "# Theirs\n")), List.of(), "a wiki of its own\n");
            var update = repository.updateRef(ShippedDocs.MAIN);
            update.setExpectedOldObjectId(old);
            update.setNewObjectId(unrelated);
            update.setForceUpdate(true);
            update.update();
        }
        DocsUpdate update = follow(Map.of("Home.md", HOME.replace("line 1", "0.2's 1"), "Added.md",
                "# Added\n"), "0.2");
        assertEquals(List.of(new DocsUpdate.PageConflict("Home.md", "changed in the wiki and in 0.2")),
                assertInstanceOf(DocsUpdate.Conflicts.class, update).pages());
    }

    @Test
    void aPageNameIsPrintedWithoutItsControlCharacters() {
        assertEquals("a\\u001b[2J.md: changed in the wiki and in 0.2",
                new DocsUpdate.PageConflict("a\u001b[2J.md", "changed in the wiki and in 0.2").line());
    }
}
