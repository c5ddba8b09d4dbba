package org.godshell.toaster.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --keep N} keeps N backup points and every archive they depend on, and touches nothing else. */
class PrunerTest {

    @TempDir
    Path dir;

    private static final List<String> ARCHIVES = List.of(
            "toaster-backup-20260101-020000-full.tar.gz",
            "toaster-backup-20260102-020000-incr.tar.gz",
            "toaster-backup-20260103-020000-incr.tar.gz",
            "toaster-backup-20260104-020000-full.tar.gz.pgp",
            "toaster-backup-20260104-020000.1-incr.tar.gz.pgp",
            "toaster-backup-20260105-020000-incr.tar.gz.pgp");

    private List<String> plan(int keep) throws Exception {
        for (String name : ARCHIVES) {
            Files.writeString(dir.resolve(name), name);
        }
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Files.writeString(dir.resolve(".toaster-backup-20260106-020000-incr.tar.gz.tmp"), "half");
        return Pruner.plan(dir, keep).stream().map(p -> p.getFileName().toString()).toList();
    }

    @Test
    void keepsTheNewestAndTheirBases() throws Exception {
        assertEquals(ARCHIVES.subList(0, 3), plan(1), "the newest increment keeps its chain back to its full one");
        assertEquals(ARCHIVES.subList(0, 3), plan(3));
        assertEquals(List.of(), plan(4), "the fourth newest is an increment: its whole chain stays");
        assertEquals(List.of(), plan(10));
    }

    @Test
    void pruneDeletesOnlyArchives() throws Exception {
        plan(1);
        assertEquals(ARCHIVES.subList(0, 3), Pruner.prune(dir, 1));
        try (var left = Files.list(dir)) {
            assertEquals(5, left.count(), "three archives, notes.txt and the temp file remain");
        }
        assertThrows(IllegalArgumentException.class, () -> Pruner.plan(dir, 0));
    }

    @Test
    void namesSortByTimeThenSequenceAlsoAsText() {
        List<String> names = List.of("toaster-backup-20260104-020000-full.tar.gz",
                "toaster-backup-20260104-020000.1-incr.tar.gz", "toaster-backup-20260104-020000.2-incr.tar.gz",
                "toaster-backup-20260104-020001-incr.tar.gz");
        assertEquals(names, names.stream().sorted().toList());
        assertEquals(names, names.stream().map(ArchiveName::parse).sorted(ArchiveName.OLDEST_FIRST)
                .map(ArchiveName::toString).toList());
        assertEquals(-1, Integer.signum(ArchiveName.OLDEST_FIRST.compare(
                ArchiveName.parse("toaster-backup-20260104-020000-full.tar.gz"),
                ArchiveName.parse("toaster-backup-20260104-020000.2-incr.tar.gz"))));
        for (String bad : List.of("toaster-backup-20260104-020000-full.tar", "toaster-backup-2026-full.tar.gz",
                "toaster-backup-20260104-020000.0-full.tar.gz", "toaster-backup-20260104-020000-1-full.tar.gz", "../toaster-backup-20260104-020000-full.tar.gz",
                "toaster-backup-20260104-020000-full.tar.gz.pgp.pgp")) {
            assertEquals(false, ArchiveName.isArchive(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> ArchiveName.parse(bad), bad);
        }
    }
}
