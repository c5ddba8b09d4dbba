package org.godshell.toaster.site.git;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The pre-receive check. Runs after JGit has read the pack (within the size limits, objects checked by fsck) and
 * before any ref moves: only {@code refs/heads/main} may be updated, and every commit the push brings is walked
 * for the files it adds or changes, each held to the depth and path length of {@link PushLimits} and to
 * {@link PathRules}. The first problem refuses the whole push
 * (the server's ReceivePack is atomic), and its reason is what {@code git push} prints after "remote rejected".
 * Deletion and non-fast-forward updates are refused by JGit itself before this hook runs.
 */
final class PushRules implements PreReceiveHook {

    static final String MAIN = Constants.R_HEADS + "main";

    private final PushLimits limits;
    private List<ReceiveCommand> seen = List.of();

    PushRules(PushLimits limits) {
        this.limits = limits;
    }

    @Override
    public void onPreReceive(ReceivePack pack, Collection<ReceiveCommand> commands) {
        seen = List.copyOf(pack.getAllCommands());
        if (commands.stream().anyMatch(c -> c.getResult() != ReceiveCommand.Result.NOT_ATTEMPTED)) {
            return;                                                     // refused by an earlier check already
        }
        Optional<String> problem;
        try {
            problem = check(pack.getRepository(), commands);
        } catch (IOException | RuntimeException e) {
            problem = Optional.of("the push could not be checked: " + e.getMessage());
        }
        if (problem.isPresent()) {
            for (ReceiveCommand command : commands) {
                command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, problem.get());
            }
        }
    }

    /**
     * Every command of the push (JGit forgets them when it returns); their results are final once the push is
     * over. Empty when the pack was refused before the check (over a size limit, or not a valid pack).
     */
    List<ReceiveCommand> commands() {
        return seen;
    }

    Optional<String> check(Repository repository, Collection<ReceiveCommand> commands) throws IOException {
        for (ReceiveCommand command : commands) {
            if (!command.getRefName().equals(MAIN)) {
                return Optional.of("only the main branch is accepted (" + command.getRefName()
                        + " is not); push with: git push origin HEAD:main");
            }
            if (command.getType() == ReceiveCommand.Type.DELETE) {
                return Optional.of("the main branch cannot be deleted");
            }
            Optional<String> problem = newCommits(repository, command);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    /** Every commit reachable from the new tip and from no existing ref; each against its parents. */
    private Optional<String> newCommits(Repository repository, ReceiveCommand command) throws IOException {
        try (RevWalk walk = new RevWalk(repository); ObjectReader reader = repository.newObjectReader()) {
            walk.markStart(walk.parseCommit(command.getNewId()));
            for (Ref ref : repository.getRefDatabase().getRefs()) {
                if (ref.getObjectId() != null) {
                    walk.markUninteresting(walk.parseCommit(ref.getObjectId()));
                }
            }
            for (RevCommit commit; (commit = walk.next()) != null; ) {
                Optional<String> problem = changedFiles(reader, walk, commit);
                if (problem.isPresent()) {
                    return Optional.of("commit " + commit.abbreviate(10).name() + ": " + problem.get());
                }
            }
        }
        return Optional.empty();
    }

    private Optional<String> changedFiles(ObjectReader reader, RevWalk walk, RevCommit commit) throws IOException {
        try (TreeWalk tree = new TreeWalk(reader)) {
            tree.addTree(commit.getTree());
            for (RevCommit parent : commit.getParents()) {
                tree.addTree(walk.parseCommit(parent).getTree());
            }
            // a root commit is checked whole; others only where they differ from a parent
            tree.setFilter(commit.getParentCount() == 0 ? TreeFilter.ALL : TreeFilter.ANY_DIFF);
            tree.setRecursive(false);
            while (tree.next()) {
                FileMode mode = tree.getFileMode(0);
                if (mode == FileMode.MISSING) {
                    continue;                                           // removed here: nothing new to check
                }
                Optional<String> problem = shape(tree);
                if (problem.isEmpty()) {
                    problem = PathRules.entry(tree.getRawPath(), mode);
                }
                if (problem.isPresent()) {
                    return problem;
                }
                if (tree.isSubtree()) {
                    tree.enterSubtree();
                    continue;
                }
                if (!PathRules.isPage(tree.getPathString())) {
                    continue;
                }
                byte[] bytes = reader.open(tree.getObjectId(0)).getCachedBytes((int) Math.min(limits.maxFileBytes(),
                        Integer.MAX_VALUE - 8));
                problem = PathRules.page(tree.getPathString(), bytes);
                if (problem.isPresent()) {
                    return problem;
                }
            }
        }
        return Optional.empty();
    }

    /** Depth and length, before the name is read: a path past them is not worth decoding, nor its subtree walking. */
    private Optional<String> shape(TreeWalk tree) {
        if (tree.getDepth() + 1 > limits.maxDepth()) {
            return Optional.of("folders nest deeper than " + limits.maxDepth() + " levels: " + start(tree));
        }
        if (tree.getPathLength() > limits.maxPathBytes()) {
            return Optional.of("a path is longer than " + limits.maxPathBytes() + " bytes: " + start(tree));
        }
        return Optional.empty();
    }

    /** Enough of a long path for the pusher to find it. */
    private static String start(TreeWalk tree) {
        String path = PushLog.printable(tree.getPathString());
        return path.length() <= 80 ? path : path.substring(0, 80) + "...";
    }
}
