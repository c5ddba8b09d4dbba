package org.godshell.toaster.site.shipped;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The branch {@value #BRANCH}: one commit per version whose shipped documentation differed from the version
 * before, each holding exactly that version's {@code wiki-content/} ("documentation for 0.x"), each the parent of
 * the next. It is the merge base that lets an upgrade tell the wiki's edits from the new version's: {@code main}
 * starts from its first commit, and later commits are merged into {@code main} ({@link MainUpdate}).
 *
 * <p>A wiki made before this branch existed has the documentation of its first install as the root commit of
 * {@code main} (that is what {@code toaster wiki init} made): that root, followed by first parents, becomes the
 * branch's start, so the first upgrade merges only what changed since. Pushes never move this branch (the push
 * rules accept {@code main} only); clones see it as {@code origin/shipped-docs}.
 */
public final class ShippedDocs {

    public static final String BRANCH = "shipped-docs";
    static final String REF = Constants.R_HEADS + BRANCH;
    static final String MAIN = Constants.R_HEADS + "main";

    private ShippedDocs() {
    }

    /**
     * Records {@code content} as the documentation {@code version} ships, then brings it into {@code main} of
     * {@code bare} (created when missing). Run again with the same files, it changes nothing.
     *
     * @throws IOException when the folder holds a name or a file the wiki would refuse (nothing is recorded
     *                     then), or when the repository cannot be written
     */
    public static DocsUpdate follow(Path bare, Path content, String version, PersonIdent author) throws IOException {
        ShippedFolder.Checked files = ShippedFolder.check(content);
        if (!Files.exists(bare)) {
            Files.createDirectories(bare.toAbsolutePath().getParent());
            try {
                Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
            } catch (GitAPIException e) {
                throw new IOException("cannot create " + bare + ": " + e.getMessage(), e);
            }
        }
        // Objects go in as loose files, never as packs: a push that is refused removes only the packs it brought.
        try (Repository repository = Git.open(bare.toFile()).getRepository();
                ObjectInserter inserter = repository.newObjectInserter()) {
            ObjectId tree = ShippedFolder.tree(files, inserter);
            ObjectId shipped = record(repository, inserter, tree, version, author);
            return new MainUpdate(repository, version, author).bring(shipped);
        }
    }

    /** The tip of {@value #BRANCH} after {@code tree} was recorded on it: a new commit only when the tree changed. */
    private static ObjectId record(Repository repository, ObjectInserter inserter, ObjectId tree, String version,
                                   PersonIdent author) throws IOException {
        Ref ref = repository.exactRef(REF);
        Optional<ObjectId> previous = ref != null ? Optional.of(ref.getObjectId()) : firstImport(repository);
        try (RevWalk walk = new RevWalk(repository)) {
            if (previous.isPresent() && walk.parseCommit(previous.get()).getTree().equals(tree)) {
                if (ref == null) {
                    Refs.move(repository, REF, ObjectId.zeroId(), previous.get(), author, "the first import");
                }
                return previous.get();
            }
        }
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(tree);
        previous.ifPresent(commit::setParentId);
        commit.setAuthor(author);
        commit.setCommitter(author);
        commit.setMessage(message(version));
        ObjectId id = inserter.insert(commit);
        inserter.flush();
        Refs.move(repository, REF, ref == null ? ObjectId.zeroId() : ref.getObjectId(), id, author, message(version));
        return id;
    }

    /**
     * The message of the shipped commit that {@code main} of {@code bare} does not contain yet (its pages
     * conflicted), such as "documentation for 0.4.0"; empty when there is none, or no such repository or branch.
     * Reads only.
     */
    public static Optional<String> waiting(Path bare) throws IOException {
        if (!Files.isDirectory(bare)) {
            return Optional.empty();
        }
        try (Repository repository = Git.open(bare.toFile()).getRepository(); RevWalk walk = new RevWalk(repository)) {
            Ref shipped = repository.exactRef(REF);
            Ref main = repository.exactRef(MAIN);
            if (shipped == null || main == null) {
                return Optional.empty();
            }
            RevCommit tip = walk.parseCommit(shipped.getObjectId());
            return walk.isMergedInto(tip, walk.parseCommit(main.getObjectId())) ? Optional.empty()
                    : Optional.of(tip.getShortMessage());
        }
    }

    static String message(String version) {
        return "documentation for " + version + "\n";
    }

    /** The root commit of {@code main} by first parents: the first install's import; none without {@code main}. */
    private static Optional<ObjectId> firstImport(Repository repository) throws IOException {
        Ref main = repository.exactRef(MAIN);
        if (main == null) {
            return Optional.empty();
        }
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(main.getObjectId());
            while (commit.getParentCount() > 0) {
                commit = walk.parseCommit(commit.getParent(0));
            }
            return Optional.of(commit.copy());
        }
    }
}
