package org.godshell.toaster.site.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.lib.ObjectId;
import org.godshell.toaster.site.TestRepo;
import org.godshell.toaster.site.TestRepo.Entry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A commit's diff for its page: every file, renames, and the limits that keep a hostile commit's page small. */
class CommitDiffsTest {

    @TempDir
    Path temp;

    private static final String TEXT = "A page about queues.\n".repeat(20);

    @Test
    void showsEditsRenamesAndRootCommits() throws Exception {
        try (TestRepo repo = TestRepo.bare(temp.resolve("r.git"))) {
            ObjectId root = repo.commit("create", "Ann", TestRepo.EPOCH, List.of(Entry.file("A.md", TEXT)));
            ObjectId edit = repo.commit("edit", "Bob", TestRepo.EPOCH.plus(Duration.ofDays(1)),
                    List.of(Entry.file("A.md", TEXT.replaceFirst("queues", "<b>queues</b>")),
                            Entry.file("img/x.png", "\u0089PNG\r\n\u001a\n\u0000\u0000")));
            ObjectId move = repo.commit("move", "Cid", TestRepo.EPOCH.plus(Duration.ofDays(2)),
                    List.of(Entry.file("docs/Queue.md", TEXT.replaceFirst("queues", "<b>queues</b>")),
                            Entry.file("img/x.png", "\u0089PNG\r\n\u001a\n\u0000\u0000")));
            AtomicInteger steps = new AtomicInteger();
            List<CommitDiffs.Diff> diffs = new CommitDiffs(repo.repository())
                    .read(List.of(move.name(), edit.name(), root.name()), steps::incrementAndGet);
            assertEquals(3, steps.get());
            assertEquals(List.of(move.name(), edit.name(), root.name()),
                    diffs.stream().map(CommitDiffs.Diff::commit).toList(), "in the order asked");

            CommitDiffs.FileDiff renamed = diffs.get(0).files().getFirst();
            assertEquals("renamed", renamed.kind());
            assertEquals("docs/Queue.md", renamed.path());
            assertEquals("A.md", renamed.oldPath());
            assertTrue(renamed.lines().isEmpty(), "a rename without edits has no lines");

            List<CommitDiffs.FileDiff> edited = diffs.get(1).files();
            assertEquals(List.of("A.md", "img/x.png"), edited.stream().map(CommitDiffs.FileDiff::path).toList());
            assertEquals("hunk", edited.getFirst().lines().getFirst().kind());
            assertTrue(edited.getFirst().lines().contains(new CommitDiffs.Line("del", "-A page about queues.")));
            assertTrue(edited.getFirst().lines().contains(new CommitDiffs.Line("add", "+A page about <b>queues</b>.")),
                    "the text is kept as it is; the template escapes it");
            assertTrue(edited.get(1).binary());
            assertTrue(edited.get(1).lines().isEmpty());

            CommitDiffs.FileDiff created = diffs.get(2).files().getFirst();
            assertEquals("created", created.kind());
            assertEquals(21, created.lines().size(), "one hunk header and twenty added lines");
        }
    }

    @Test
    void limitsKeepAHostileCommitsPageSmall() throws Exception {
        try (TestRepo repo = TestRepo.bare(temp.resolve("r.git"))) {
            List<Entry> many = new ArrayList<>();
            for (int i = 0; i < CommitDiffs.MAX_FILES + 5; i++) {
                many.add(Entry.file(String.format("p%03d.md", i), "line\n".repeat(30)));
            }
            ObjectId commit = repo.commit("flood", "Mallory", TestRepo.EPOCH, many);
            CommitDiffs.Diff diff = new CommitDiffs(repo.repository()).read(List.of(commit.name()), () -> { })
                    .getFirst();
            assertEquals(CommitDiffs.MAX_FILES, diff.files().size());
            assertEquals(many.size() - CommitDiffs.MAX_FILES, diff.omittedFiles());
            int lines = diff.files().stream().mapToInt(file -> file.lines().size()).sum();
            assertEquals(CommitDiffs.MAX_LINES, lines, "the line budget is used up, then lines are counted");
            assertEquals(CommitDiffs.MAX_FILES * 31 - CommitDiffs.MAX_LINES, diff.omittedLines(),
                    "each shown file has a hunk header and thirty lines; what is over the budget is counted");
        }
    }

    @Test
    void cutsLongLinesHidesHugeFilesAndControlCharacters() throws Exception {
        try (TestRepo repo = TestRepo.bare(temp.resolve("r.git"))) {
            ObjectId commit = repo.commit("odd", "Mallory", TestRepo.EPOCH, List.of(
                    Entry.file("wide.md", "x".repeat(CommitDiffs.MAX_LINE_CHARS * 3) + "\n"),
                    Entry.file("huge.md", "big line of text\n".repeat(CommitDiffs.MAX_FILE_BYTES / 16 + 10)),
                    Entry.file("ctl\u0001name.md", "bell \u0007 escape \u001b[31m nul\n")));
            List<CommitDiffs.FileDiff> files = new CommitDiffs(repo.repository()).read(List.of(commit.name()),
                    () -> { }).getFirst().files();
            CommitDiffs.FileDiff control = files.get(0);
            assertEquals("ctl\uFFFDname.md", control.path());
            assertEquals("+bell \uFFFD escape \uFFFD[31m nul", control.lines().get(1).text());
            CommitDiffs.FileDiff huge = files.get(1);
            assertTrue(huge.binary(), "over the size limit: named, not shown");
            assertTrue(huge.lines().isEmpty());
            CommitDiffs.FileDiff wide = files.get(2);
            assertEquals(CommitDiffs.MAX_LINE_CHARS + 1, wide.lines().get(1).text().length());
            assertTrue(wide.lines().get(1).text().endsWith("…"));
        }
    }
}
