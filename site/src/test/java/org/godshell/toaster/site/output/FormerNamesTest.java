package org.godshell.toaster.site.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.godshell.toaster.site.history.Change;
import org.godshell.toaster.site.history.Change.Kind;
import org.godshell.toaster.site.history.History;
import org.godshell.toaster.site.page.Page;
import org.junit.jupiter.api.Test;

/** Former names and deleted pages from a history, on the cases a real wiki's pushes make rarely. */
class FormerNamesTest {

    private final List<History.Commit> commits = new ArrayList<>();
    private final Map<String, List<Change>> pages = new HashMap<>();

    @Test
    void theNewestRenameFromANameWins() {
        change("c3", "B.md", Kind.RENAMED, "A.md", "B.md");
        change("c2", "B.md", Kind.CREATED, "A.md", "A.md");
        change("c1", "C.md", Kind.RENAMED, "A.md", "C.md");
        change("c0", "C.md", Kind.CREATED, "A.md", "A.md");
        assertEquals(Map.of("A.md", "B.md"), redirects(Set.of()));
    }

    @Test
    void reservedNamesAndAttachmentsGetNoRedirect() {
        change("c2", "Start.md", Kind.RENAMED, "Home.md", "Start.md");
        change("c1", "Other.md", Kind.RENAMED, "_search.md", "Other.md");
        change("c0", "Third.md", Kind.RENAMED, "Notes.md", "Third.md");
        assertEquals(Map.of("Notes.md", "Third.md"), redirects(Set.of()));
        assertEquals(Map.of(), redirects(Set.of("Notes.html")));
    }

    @Test
    void aDeletedPagesHistoryFollowsItsRenamesBackToItsCreation() {
        change("c4", null, Kind.DELETED, "Gone.md", "Gone.md");
        change("c3", null, Kind.EDITED, "Gone.md", "Gone.md");
        // one commit swapping two names: the lineage takes one of its changes, not both
        change("c2", null, Kind.RENAMED, "Was.md", "Gone.md");
        addToLast(new Change("c2", "Ann", Instant.EPOCH, "swap", Kind.RENAMED, "Was.md", "Gone.md"));
        change("c1", null, Kind.CREATED, "Was.md", "Was.md");
        change("c0", null, Kind.CREATED, "Gone.md", "Gone.md");
        Map<String, List<Change>> deleted = FormerNames.deleted(new History("c4", pages, commits), Map.of());
        assertEquals(List.of("Gone.md"), List.copyOf(deleted.keySet()));
        assertEquals(List.of("c4", "c3", "c2", "c1"), deleted.get("Gone.md").stream().map(Change::commit).toList());
    }

    private Map<String, String> redirects(Set<String> taken) {
        Map<String, Page> byPath = new TreeMap<>();
        pages.keySet().forEach(path -> byPath.put(path, page(path)));
        Map<String, String> found = new TreeMap<>();
        FormerNames.redirects(new History("c9", pages, commits), byPath, taken)
                .forEach((old, redirect) -> found.put(old, redirect.to().path()));
        return found;
    }

    /** A commit (newest first, as the walk lists them) with one change, kept under {@code headPath} if given. */
    private void change(String commit, String headPath, Kind kind, String oldPath, String path) {
        Change change = new Change(commit, "Ann", Instant.EPOCH, "subject", kind, path, oldPath);
        commits.add(new History.Commit(commit, "Ann", Instant.EPOCH, "subject", List.of(change)));
        if (headPath != null) {
            pages.computeIfAbsent(headPath, key -> new ArrayList<>()).add(change);
        }
    }

    private void addToLast(Change change) {
        History.Commit last = commits.removeLast();
        List<Change> changes = new ArrayList<>(last.changes());
        changes.add(change);
        commits.add(new History.Commit(last.id(), last.author(), last.time(), last.subject(), changes));
    }

    private static Page page(String path) {
        return new Page(path, path.replace(".md", ".html"), path, List.of(), List.of(), Optional.empty(),
                Optional.of(""), Optional.empty());
    }
}
