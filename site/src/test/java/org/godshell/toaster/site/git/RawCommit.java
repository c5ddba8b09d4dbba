package org.godshell.toaster.site.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Commits in a clone what a checkout could not hold (symlinks to /etc, gitlinks, names with control characters
 * or invalid UTF-8), on top of the clone's main, so that the real git client then pushes it. The tree is the
 * parent's top-level entries plus the given ones.
 */
final class RawCommit {

    record Entry(byte[] name, FileMode mode, byte[] content) {
        static Entry file(String name, byte[] content) {
            return new Entry(name.getBytes(StandardCharsets.UTF_8), FileMode.REGULAR_FILE, content);
        }

        /**
         * A folder holding only a folder, and so on {@code depth} times, named {@code name}; the innermost holds
         * a page. Its trees are written to the clone at once, since the entry names a tree by its id.
         */
        static Entry nested(Path clone, String name, int depth) throws IOException {
            try (Repository repository = new FileRepositoryBuilder().setGitDir(clone.resolve(".git").toFile())
                    .build(); ObjectInserter inserter = repository.newObjectInserter()) {
                org.eclipse.jgit.lib.TreeFormatter leaf = new org.eclipse.jgit.lib.TreeFormatter();
                leaf.append("Deep.md", FileMode.REGULAR_FILE, inserter.insert(Constants.OBJ_BLOB,
                        "# Deep\n".getBytes(StandardCharsets.UTF_8)));
                ObjectId tree = inserter.insert(leaf);
                for (int i = 1; i < depth; i++) {
                    org.eclipse.jgit.lib.TreeFormatter folder = new org.eclipse.jgit.lib.TreeFormatter();
                    folder.append(name, FileMode.TREE, tree);
                    tree = inserter.insert(folder);
                }
                inserter.flush();
                byte[] raw = new byte[20];
                tree.copyRawTo(raw, 0);
                return new Entry(name.getBytes(StandardCharsets.UTF_8), FileMode.TREE, raw);
            }
        }
    }

    private RawCommit() {
    }

    static ObjectId onMain(Path clone, Entry... extra) throws IOException {
        try (Repository repository = new FileRepositoryBuilder().setGitDir(clone.resolve(".git").toFile()).build();
             ObjectInserter inserter = repository.newObjectInserter();
             RevWalk walk = new RevWalk(repository)) {
            RevCommit parent = walk.parseCommit(repository.resolve("refs/heads/main"));
            List<Entry> entries = new ArrayList<>();
            try (TreeWalk tree = new TreeWalk(repository)) {
                tree.addTree(parent.getTree());
                while (tree.next()) {
                    entries.add(new Entry(tree.getRawPath(), tree.getFileMode(0),
                            repository.open(tree.getObjectId(0)).getBytes()));
                }
            }
            entries.addAll(List.of(extra));
            entries.sort((a, b) -> Arrays.compareUnsigned(a.name(), b.name()));
            org.eclipse.jgit.lib.TreeFormatter formatter = new org.eclipse.jgit.lib.TreeFormatter();
            for (Entry entry : entries) {
                ObjectId id = entry.mode() == FileMode.GITLINK || entry.mode() == FileMode.TREE
                        ? ObjectId.fromRaw(entry.content())
                        : inserter.insert(Constants.OBJ_BLOB, entry.content());
                formatter.append(entry.name(), entry.mode(), id);
            }
            ObjectId treeId = inserter.insert(formatter);
            CommitBuilder commit = new CommitBuilder();
            PersonIdent ident = new PersonIdent("Ed Editor", WikiFixture.EDITOR);
            commit.setAuthor(ident);
            commit.setCommitter(ident);
            commit.setMessage("hostile\n");
            commit.setTreeId(treeId);
            commit.setParentId(parent);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = repository.updateRef("refs/heads/main");
            update.setNewObjectId(id);
            update.forceUpdate();
            return id;
        }
    }
}
