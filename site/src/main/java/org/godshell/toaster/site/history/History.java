package org.godshell.toaster.site.history;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of the walk: for each page of the built tree (by its current path) its changes, newest first; and the
 * commits that touched pages, newest first, for "recent changes" and the feed.
 */
public record History(String head, Map<String, List<Change>> pages, List<Commit> commits) {

    public History {
        pages = Map.copyOf(pages);
        commits = List.copyOf(commits);
    }

    /** A commit and the page changes it made. */
    public record Commit(String id, String author, java.time.Instant time, String subject, List<Change> changes) {
        public Commit {
            changes = List.copyOf(changes);
        }
    }

    public List<Change> of(String path) {
        return pages.getOrDefault(path, List.of());
    }

    public Optional<Change> lastEdit(String path) {
        List<Change> changes = of(path);
        return changes.isEmpty() ? Optional.empty() : Optional.of(changes.getFirst());
    }

    public Optional<Change> creation(String path) {
        List<Change> changes = of(path);
        return changes.isEmpty() ? Optional.empty() : Optional.of(changes.getLast());
    }
}
