package org.godshell.toaster.site.shipped;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Brings the tip of {@value ShippedDocs#BRANCH} into {@code main}: nothing when {@code main} contains it, a
 * fast-forward when nobody edited the wiki since the last version's documentation, else a merge commit with two
 * parents (the wiki's {@code main} first) made in memory by JGit's recursive merge, git's own three-way merge.
 *
 * <p>When a page was changed on both sides in the same lines (or deleted on one side and changed on the other,
 * or added on both with different text), nothing is committed: a merge that kept one side of such a page would
 * either mark the new version as merged, so that its change would never be offered again, or, recorded as a
 * plain commit, re-apply at every later run the other pages' changes that the wiki's editors had since undone.
 * Left unmerged, the new text waits on its branch and every run says which pages and how to merge them, with
 * git, in a clone; after that push, {@code main} contains the branch and the report stops.
 *
 * <p>{@code main} moves only from the commit the merge was made on: when a push moved it meanwhile, the merge is
 * made again on the new commit (a few times, then it gives up and says so).
 */
final class MainUpdate {

    private static final int ATTEMPTS = 5;

    private final Repository repository;
    private final String version;
    private final PersonIdent author;
    /** Runs just before each move of {@code main}: where a test puts the push that comes first. */
    private final Hook beforeMove;

    /** What may happen between reading {@code main} and moving it. */
    interface Hook {
        void run() throws IOException;
    }

    MainUpdate(Repository repository, String version, PersonIdent author) {
        this(repository, version, author, () -> { });
    }

    MainUpdate(Repository repository, String version, PersonIdent author, Hook beforeMove) {
        this.repository = repository;
        this.version = version;
        this.author = author;
        this.beforeMove = beforeMove;
    }

    DocsUpdate bring(ObjectId shipped) throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return attempt(shipped);
            } catch (Refs.Moved e) {
                // a push came first: merge again on top of it
            }
        }
        throw new IOException("main moved " + ATTEMPTS + " times while the documentation was being merged; run "
                + "again when the wiki is quieter");
    }

    private DocsUpdate attempt(ObjectId shipped) throws IOException, Refs.Moved {
        Ref ref = repository.exactRef(ShippedDocs.MAIN);
        if (ref == null) {
            Refs.tryMove(repository, ShippedDocs.MAIN, ObjectId.zeroId(), shipped, author, "the shipped documentation");
            return new DocsUpdate.Created(shipped, version);
        }
        ObjectId main = ref.getObjectId();
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit mainCommit = walk.parseCommit(main);
            RevCommit shippedCommit = walk.parseCommit(shipped);
            if (walk.isMergedInto(shippedCommit, mainCommit)) {
                return new DocsUpdate.UpToDate(main, version);
            }
            if (walk.isMergedInto(mainCommit, shippedCommit)) {
                beforeMove.run();
                Refs.tryMove(repository, ShippedDocs.MAIN, main, shipped, author, ShippedDocs.message(version));
                return new DocsUpdate.FastForward(shipped, version);
            }
        }
        ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(repository, true);
        merger.setCommitNames(new String[] {"base", "main", ShippedDocs.BRANCH});
        if (!merger.merge(main, shipped)) {
            return new DocsUpdate.Conflicts(main, version, shipped, conflicts(merger, main, shipped));
        }
        ObjectId merge;
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(merger.getResultTreeId());
            commit.setParentIds(main, shipped);
            commit.setAuthor(author);
            commit.setCommitter(author);
            commit.setMessage(ShippedDocs.message(version) + "\nMerged with the wiki's edits since the documentation "
                    + "of the version before.\n");
            merge = inserter.insert(commit);
            inserter.flush();
        }
        beforeMove.run();
        Refs.tryMove(repository, ShippedDocs.MAIN, main, merge, author, ShippedDocs.message(version));
        return new DocsUpdate.Merged(merge, version);
    }

    private List<DocsUpdate.PageConflict> conflicts(ResolveMerger merger, ObjectId main, ObjectId shipped)
            throws IOException {
        if (merger.getUnmergedPaths().isEmpty()) {
            throw new IOException("the merge of " + ShippedDocs.BRANCH + " into main failed: "
                    + String.valueOf(merger.getFailingPaths()));
        }
        List<DocsUpdate.PageConflict> pages = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit ours = walk.parseCommit(main);
            RevCommit theirs = walk.parseCommit(shipped);
            for (String path : new TreeSet<>(merger.getUnmergedPaths())) {
                boolean inWiki = holds(ours, path);
                boolean shippedNow = holds(theirs, path);
                String why = inWiki && shippedNow ? "changed in the wiki and in " + version
                        : inWiki ? "changed in the wiki, deleted in " + version
                        : "deleted or renamed in the wiki, changed in " + version;
                pages.add(new DocsUpdate.PageConflict(path, why));
            }
        }
        return pages;
    }

    private boolean holds(RevCommit commit, String path) throws IOException {
        try (TreeWalk found = TreeWalk.forPath(repository, path, commit.getTree())) {
            return found != null;
        }
    }
}
