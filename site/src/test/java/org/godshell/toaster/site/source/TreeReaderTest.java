package org.godshell.toaster.site.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.lib.FileMode;
import org.godshell.toaster.site.TestRepo;
import org.godshell.toaster.site.TestRepo.Entry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trees a checkout could not hold, read through JGit: every unsafe entry is skipped with a warning. */
class TreeReaderTest {

    @TempDir
    Path temp;

    private static Entry raw(byte[] name, String text) {
        return new Entry(name, FileMode.REGULAR_FILE, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void unsafeEntriesAreSkippedWithWarnings() throws Exception {
        try (TestRepo repo = TestRepo.bare(temp.resolve("r.git"))) {
            repo.commit("hostile", "Mallory", TestRepo.EPOCH, List.of(
                    Entry.file("Good.md", "fine"),
                    Entry.file("docs/Nested.md", "fine"),
                    raw("..".getBytes(StandardCharsets.UTF_8), "dotdot"),
                    raw("a..b.md".getBytes(StandardCharsets.UTF_8), "dots"),
                    raw("up/../x.md".getBytes(StandardCharsets.UTF_8), "up"),
                    raw("bell\u0007.md".getBytes(StandardCharsets.UTF_8), "control"),
                    raw("new\nline.md".getBytes(StandardCharsets.UTF_8), "newline"),
                    raw(new byte[] {'b', 'a', 'd', (byte) 0xff, '.', 'm', 'd'}, "invalid utf-8"),
                    raw("back\\slash.md".getBytes(StandardCharsets.UTF_8), "backslash"),
                    new Entry("link.md".getBytes(StandardCharsets.UTF_8), FileMode.SYMLINK,
                            "/etc/passwd".getBytes(StandardCharsets.UTF_8)),
                    new Entry("sub".getBytes(StandardCharsets.UTF_8), FileMode.GITLINK, new byte[20]),
                    Entry.file(".gitattributes", "* text")));
            Snapshot snapshot = new TreeReader(Limits.DEFAULT).read(repo.repository(), repo.head());
            assertEquals(List.of("Good.md", "docs/Nested.md"),
                    snapshot.files().stream().map(SourceFile::path).toList());
            String warnings = snapshot.warnings().toString();
            for (String expected : List.of("'..'", "control character", "not valid UTF-8", "backslash",
                    "symlinks are never followed", "submodules")) {
                assertTrue(warnings.contains(expected), () -> expected + " not in " + warnings);
            }
            assertEquals(9, snapshot.warnings().size(), warnings);
            assertTrue(warnings.contains("bad\\xff.md"), "the bad name is shown escaped: " + warnings);
            assertFalse(warnings.contains("\u0007"));
        }
    }

    @Test
    void sizeLimitsKeepBigPagesAsNoticesAndDropBigFiles() throws Exception {
        try (TestRepo repo = TestRepo.bare(temp.resolve("r.git"))) {
            repo.commit("big", "Ann", TestRepo.EPOCH, List.of(Entry.file("Big.md", "x".repeat(2_000)),
                    Entry.bytes("big.png", new byte[3_000]), Entry.file("Small.md", "ok")));
            Limits limits = new Limits(1_000, 2_000, 10, 100, 1_000);
            Snapshot snapshot = new TreeReader(limits).read(repo.repository(), repo.head());
            assertEquals(List.of("Big.md", "Small.md"), snapshot.files().stream().map(SourceFile::path).toList());
            assertTrue(snapshot.files().getFirst().content().isEmpty());
            assertEquals(2, snapshot.warnings().size());
        }
    }

    @Test
    void blobsRememberedFromTheTreeBeforeGiveTheSameFilesAndTheSameLimits() throws Exception {
        try (TestRepo repo = TestRepo.bare(temp.resolve("r.git"))) {
            repo.commit("one", "Ann", TestRepo.EPOCH, List.of(Entry.file("A.md", "alpha"),
                    Entry.file("B.md", "x".repeat(2_000)), Entry.bytes("c.bin", new byte[] {0, 1, 2})));
            Snapshot first = new TreeReader(Limits.DEFAULT).read(repo.repository(), repo.head());
            repo.commit("two", "Ann", TestRepo.EPOCH, List.of(Entry.file("A.md", "alpha, edited"),
                    Entry.file("B.md", "x".repeat(2_000)), Entry.file("D.md", "alpha"),
                    Entry.bytes("c.bin", new byte[] {0, 1, 2})));
            Snapshot second = new TreeReader(Limits.DEFAULT).read(repo.repository(), repo.head());
            assertEquals(List.of("alpha, edited", "x".repeat(2_000), "alpha", "\u0000\u0001\u0002"),
                    second.files().stream().map(f -> new String(f.content().orElseThrow(), StandardCharsets.UTF_8))
                            .toList());
            assertEquals(first.files().get(1).blob(), second.files().get(1).blob());
            // a remembered blob over a stricter reader's limit is refused as if read from the repository
            Snapshot strict = new TreeReader(new Limits(1_000, 2_000, 10, 100, 1_000))
                    .read(repo.repository(), repo.head());
            assertTrue(strict.files().get(1).content().isEmpty(), "B.md is over 1,000 bytes");
            assertEquals(1, strict.warnings().size(), strict.warnings()::toString);
        }
    }

    @Test
    void fileCountIsLimited() throws Exception {
        try (TestRepo repo = TestRepo.bare(temp.resolve("r.git"))) {
            List<Entry> many = new java.util.ArrayList<>();
            for (int i = 0; i < 30; i++) {
                many.add(Entry.file("P" + i + ".md", "x"));
            }
            repo.commit("many", "Ann", TestRepo.EPOCH, many);
            Snapshot snapshot = new TreeReader(new Limits(1_000, 1_000, 10, 100, 1_000))
                    .read(repo.repository(), repo.head());
            assertEquals(10, snapshot.files().size());
            assertTrue(snapshot.warnings().toString().contains("more than 10 files"));
        }
    }
}
