package org.godshell.toaster.site.history;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.filter.PathSuffixFilter;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * Walks the commits reachable from the head once, newest first (topological, so a child always comes before its
 * parents), and diffs each against its first parent with rename detection, restricted to {@code .md} files.
 *
 * <p>Renames are followed backwards: {@code tracked} maps a name as it was at the commit being read to the page's
 * name at the head. A creation ends the page's past under that name; a rename moves it to the old name. Merge
 * commits are not diffed, as {@code git log} does not by default: their changes arrive with the commits they
 * merge, under their real authors.
 *
 * <p>With a {@code since} commit (the head of the previous build) the walk stops there and returns only the newer
 * changes, keyed by head path, plus the renames that tell how older histories must be re-keyed.
 */
public final class HistoryWalk {

    private static final int MAX_SUBJECT = 200;

    private HistoryWalk() {
    }

    /**
     * The result of a walk: the changes per head path, the commits touching pages, and {@code headNames}: for each
     * page name as it was at the walk's bottom ({@code since}, or the root) that still lives at the head, its name
     * at the head — what an incremental build re-keys older histories with.
     */
    public record Result(Map<String, List<Change>> pages, List<History.Commit> commits,
                         Map<String, String> headNames) {
    }

    /**
     * Walks from {@code head} (down to, not including, {@code since} if given). {@code headPages} are the page
     * paths in the head's tree; changes to pages since deleted appear only in the commit list.
     */
    public static Result walk(Repository repository, ObjectId head, Optional<ObjectId> since,
                              Collection<String> headPages) throws IOException {
        return walk(repository, head, since, headPages, true);
    }

    /**
     * {@link #walk} of the commits after {@code since}, which the caller knows lie in one line on top of it (one
     * parent each, as {@code IncrementalHistory} checks): a walk of a line gives them in order without sorting.
     * A topological sort would read the whole history first (JGit's sorter drains the walk before it gives the
     * first commit): 23 ms of a one-page rebuild of a wiki of 5,000 commits, for one new commit.
     */
    public static Result walkLine(Repository repository, ObjectId head, ObjectId since, Collection<String> headPages)
            throws IOException {
        return walk(repository, head, Optional.of(since), headPages, false);
    }

    private static Result walk(Repository repository, ObjectId head, Optional<ObjectId> since,
                               Collection<String> headPages, boolean topological) throws IOException {
        Map<String, String> tracked = new HashMap<>();
        headPages.forEach(path -> tracked.put(path, path));
        Map<String, List<Change>> pages = new HashMap<>();
        List<History.Commit> commits = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository)) {
            if (topological) {
                walk.sort(RevSort.TOPO, true);
            }
            walk.markStart(walk.parseCommit(head));
            if (since.isPresent()) {
                walk.markUninteresting(walk.parseCommit(since.get()));
            }
            List<RevCommit> order = new ArrayList<>();
            List<ObjectId[]> trees = new ArrayList<>();
            for (RevCommit commit : walk) {
                if (commit.getParentCount() > 1) {
                    continue;
                }
                RevCommit parent = commit.getParentCount() == 0 ? null : walk.parseCommit(commit.getParent(0));
                order.add(commit);
                ObjectId parentTree = parent == null ? null : parent.getTree().getId();
                trees.add(new ObjectId[] {parentTree, commit.getTree().getId()});
            }
            List<List<DiffEntry>> diffs = diffAll(repository, trees);
            for (int index = 0; index < order.size(); index++) {
                RevCommit commit = order.get(index);
                List<DiffEntry> entries = diffs.get(index);
                if (entries.isEmpty()) {
                    continue;
                }
                String subject = commit.getShortMessage();
                if (subject.length() > MAX_SUBJECT) {
                    subject = subject.substring(0, MAX_SUBJECT) + "…";
                }
                List<Change> changes = new ArrayList<>();
                for (DiffEntry entry : entries) {
                    Change.Kind kind = switch (entry.getChangeType()) {
                        case ADD, COPY -> Change.Kind.CREATED;
                        case MODIFY -> Change.Kind.EDITED;
                        case RENAME -> Change.Kind.RENAMED;
                        case DELETE -> Change.Kind.DELETED;
                    };
                    String path = kind == Change.Kind.DELETED ? entry.getOldPath() : entry.getNewPath();
                    String oldPath = kind == Change.Kind.RENAMED ? entry.getOldPath() : path;
                    Change change = new Change(commit.name(), commit.getAuthorIdent().getName(),
                            commit.getAuthorIdent().getWhenAsInstant(), subject, kind, path, oldPath);
                    changes.add(change);
                    String headPath = switch (kind) {
                        case EDITED -> tracked.get(path);
                        case CREATED, RENAMED -> tracked.remove(path);
                        case DELETED -> null;
                    };
                    if (headPath != null) {
                        pages.computeIfAbsent(headPath, key -> new ArrayList<>()).add(change);
                        if (kind == Change.Kind.RENAMED) {
                            tracked.put(oldPath, headPath);
                        }
                    }
                }
                changes.sort((a, b) -> a.path().compareTo(b.path()));
                commits.add(new History.Commit(commit.name(), commit.getAuthorIdent().getName(),
                        commit.getAuthorIdent().getWhenAsInstant(), subject, changes));
            }
        }
        return new Result(pages, commits, tracked);
    }

    /**
     * Each commit's diff against its first parent ({@code trees}: parent tree or null, tree), in order. The diffs
     * are independent of each other, so they run on several threads, each with its own formatter (a formatter is
     * not thread-safe; the object database is); only the bookkeeping of renames needs the order.
     */
    private static List<List<DiffEntry>> diffAll(Repository repository, List<ObjectId[]> trees) throws IOException {
        return Chunks.map(trees.size(), () -> new Scanner(repository),
                (scanner, index) -> scanner.diff.scan(trees.get(index)[0], trees.get(index)[1]));
    }

    /**
     * One thread's formatter: renames detected, pages only, nothing printed. It is given a reader and the
     * repository's configuration, read once, rather than the repository: with a repository, each scan's tree walk
     * asks it for its configuration, and that checks the user's and the system's git configuration files for
     * changes (two of them missing, so two exceptions thrown) once per commit: 20,000 exceptions and 60,000
     * {@code stat} calls in a full build of a wiki of 5,000 commits.
     */
    private record Scanner(ObjectReader reader, DiffFormatter diff) implements Chunks.Tools {
        Scanner(Repository repository) {
            this(repository.newObjectReader(), new DiffFormatter(DisabledOutputStream.INSTANCE));
            diff.setReader(reader, repository.getConfig());
            diff.setDetectRenames(true);
            diff.setPathFilter(PathSuffixFilter.create(".md"));
        }

        @Override
        public void close() {
            diff.close();
            reader.close();
        }
    }

    /** A full history: every commit from the head. */
    public static History full(Repository repository, ObjectId head, Collection<String> headPages)
            throws IOException {
        Result result = walk(repository, head, Optional.empty(), headPages);
        return new History(head.name(), result.pages(), result.commits());
    }
}
