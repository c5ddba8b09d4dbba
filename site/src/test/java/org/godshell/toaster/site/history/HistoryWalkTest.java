package org.godshell.toaster.site.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.godshell.toaster.site.TestRepo;
import org.godshell.toaster.site.TestRepo.Entry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One walk gives each page its history, following renames, and the wiki its recent changes. */
class HistoryWalkTest {

    @TempDir
    Path temp;

    private static final String TEXT = "A page about queues.\n".repeat(20);

    @Test
    void followsRenamesAndKeepsDeletions() throws Exception {
        try (TestRepo repo = TestRepo.bare(temp.resolve("r.git"))) {
            var day = TestRepo.EPOCH;
            repo.commit("create", "Ann", day, List.of(Entry.file("A.md", TEXT), Entry.file("B.md", "b")));
            repo.commit("edit A", "Bob", day.plus(Duration.ofDays(1)),
                    List.of(Entry.file("A.md", TEXT + "more\n"), Entry.file("B.md", "b")));
            ObjectId middle = repo.commit("move A", "Cid", day.plus(Duration.ofDays(2)),
                    List.of(Entry.file("docs/Queue.md", TEXT + "more\n"), Entry.file("B.md", "b")));
            repo.commit("attachment only", "Dee", day.plus(Duration.ofDays(3)),
                    List.of(Entry.file("docs/Queue.md", TEXT + "more\n"), Entry.file("B.md", "b"),
                            Entry.file("x.txt", "not a page")));
            repo.commit("edit and drop B", "Eve", day.plus(Duration.ofDays(4)),
                    List.of(Entry.file("docs/Queue.md", TEXT + "more\nand more\n"), Entry.file("x.txt", "n")));

            History history = HistoryWalk.full(repo.repository(), repo.head(), List.of("docs/Queue.md"));
            List<Change> queue = history.of("docs/Queue.md");
            assertEquals(List.of("Eve", "Cid", "Bob", "Ann"), queue.stream().map(Change::author).toList());
            assertEquals(List.of(Change.Kind.EDITED, Change.Kind.RENAMED, Change.Kind.EDITED, Change.Kind.CREATED),
                    queue.stream().map(Change::kind).toList());
            assertEquals("A.md", queue.get(1).oldPath());
            assertEquals("A.md", history.creation("docs/Queue.md").orElseThrow().path());
            assertEquals("Eve", history.lastEdit("docs/Queue.md").orElseThrow().author());
            // the commit touching no page is not a page change
            assertEquals(List.of("edit and drop B", "move A", "edit A", "create"),
                    history.commits().stream().map(History.Commit::subject).toList());
            assertEquals(List.of(Change.Kind.DELETED, Change.Kind.EDITED),
                    history.commits().getFirst().changes().stream().map(Change::kind).toList());

            HistoryWalk.Result newer = HistoryWalk.walk(repo.repository(), repo.head(), Optional.of(middle),
                    List.of("docs/Queue.md"));
            assertEquals(1, newer.commits().size(), "the attachment-only commit changes no page");
            assertEquals("docs/Queue.md", newer.headNames().get("docs/Queue.md"));
        }
    }

    /** Clocks that go backwards do not reorder a line: its walk gives what the sorted walk gives. */
    @Test
    void aLineWalkedWithoutSortingGivesTheSortedWalksResult() throws Exception {
        try (TestRepo repo = TestRepo.bare(temp.resolve("line.git"))) {
            var day = TestRepo.EPOCH.plus(Duration.ofDays(30));
            ObjectId base = repo.commit("create", "Ann", day, List.of(Entry.file("A.md", TEXT)));
            repo.commit("edit A, dated before its parent", "Bob", day.minus(Duration.ofDays(2)),
                    List.of(Entry.file("A.md", TEXT + "more\n")));
            repo.commit("move A, dated in between", "Cid", day.minus(Duration.ofDays(1)),
                    List.of(Entry.file("docs/A.md", TEXT + "more\n"), Entry.file("B.md", "b")));
            repo.commit("edit B, dated earliest", "Dee", day.minus(Duration.ofDays(9)),
                    List.of(Entry.file("docs/A.md", TEXT + "more\n"), Entry.file("B.md", "b2")));
            List<String> pages = List.of("docs/A.md", "B.md");
            HistoryWalk.Result line = HistoryWalk.walkLine(repo.repository(), repo.head(), base, pages);
            assertEquals(HistoryWalk.walk(repo.repository(), repo.head(), Optional.of(base), pages), line);
            assertEquals(List.of("edit B, dated earliest", "move A, dated in between",
                    "edit A, dated before its parent"), line.commits().stream().map(History.Commit::subject).toList());
        }
    }

    @Test
    void authorTextIsKeptAsData() throws Exception {
        try (TestRepo repo = TestRepo.bare(temp.resolve("r.git"))) {
            repo.commit("<script>alert(1)</script> \u0007 subject", "O'Brien & \"Co\"", TestRepo.EPOCH,
                    List.of(Entry.file("A.md", "a")));
            History history = HistoryWalk.full(repo.repository(), repo.head(), List.of("A.md"));
            assertEquals("O'Brien & \"Co\"", history.lastEdit("A.md").orElseThrow().author());
            assertEquals("<script>alert(1)</script> \u0007 subject", history.lastEdit("A.md").orElseThrow().subject());
        }
    }
}
