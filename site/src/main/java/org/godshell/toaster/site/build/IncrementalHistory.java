package org.godshell.toaster.site.build;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.godshell.toaster.site.history.Change;
import org.godshell.toaster.site.history.History;
import org.godshell.toaster.site.history.HistoryWalk;

/**
 * The history at a new head from the previous build's history and a walk of only the commits after it. That
 * gives what a full walk gives when the new commits sit in a line on top of the previous one: the full walk then
 * reads exactly the new commits, newest first, before the old ones. Anything else (the previous commit is not an
 * ancestor, as after a force-push; a merge among the new commits, whose topological order may interleave old
 * and new) is not attempted: the caller walks in full.
 */
final class IncrementalHistory {

    private IncrementalHistory() {
    }

    /** The history at {@code head}, or empty when only a full walk gives it exactly. */
    static Optional<History> extend(Repository repository, ObjectId head, History previous,
                                    Collection<String> headPages) throws IOException {
        ObjectId since = ObjectId.fromString(previous.head());
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit top = walk.parseCommit(head);
            RevCommit bottom;
            try {
                bottom = walk.parseCommit(since);
            } catch (MissingObjectException | IncorrectObjectTypeException e) {
                return Optional.empty();
            }
            if (!walk.isMergedInto(bottom, top)) {
                return Optional.empty();
            }
            walk.reset();
            walk.markStart(top);
            walk.markUninteresting(bottom);
            for (RevCommit commit : walk) {
                if (commit.getParentCount() != 1) {
                    return Optional.empty();
                }
            }
        }
        HistoryWalk.Result result = HistoryWalk.walkLine(repository, head, since, headPages);
        Map<String, List<Change>> pages = new HashMap<>();
        result.pages().forEach((path, changes) -> pages.put(path, new ArrayList<>(changes)));
        result.headNames().forEach((bottomName, headName) -> {
            List<Change> older = previous.of(bottomName);
            if (!older.isEmpty()) {
                pages.computeIfAbsent(headName, key -> new ArrayList<>()).addAll(older);
            }
        });
        List<History.Commit> commits = new ArrayList<>(result.commits());
        commits.addAll(previous.commits());
        return Optional.of(new History(head.name(), pages, commits));
    }
}
