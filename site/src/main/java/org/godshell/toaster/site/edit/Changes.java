package org.godshell.toaster.site.edit;

import java.io.IOException;
import java.util.Optional;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Commits made on the server, without a working tree: the parent's tree read into an in-core {@link DirCache},
 * the change applied with a {@link DirCacheEditor}, the new tree and commit written by an {@link ObjectInserter}.
 * The commit is only objects until {@link org.godshell.toaster.site.git.Saves} moves main to it.
 */
final class Changes {

    /** What a commit does to the tree. */
    sealed interface Change {
    }

    record Write(String path, byte[] content) implements Change {
    }

    record Delete(String path) implements Change {
    }

    record Move(String from, String to) implements Change {
    }

    private Changes() {
    }

    static ObjectId commit(Repository repository, Optional<ObjectId> parent, Change change, PersonIdent who,
                           String message) throws IOException {
        try (ObjectInserter inserter = repository.newObjectInserter(); ObjectReader reader = repository
                .newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            DirCache index = parent.isEmpty() ? DirCache.newInCore()
                    : DirCache.read(reader, walk.parseCommit(parent.get()).getTree());
            DirCacheEditor editor = index.editor();
            switch (change) {
                case Write write -> editor.add(entry(write.path(), inserter.insert(Constants.OBJ_BLOB,
                        write.content()), FileMode.REGULAR_FILE));
                case Delete delete -> editor.add(new DirCacheEditor.DeletePath(delete.path()));
                case Move move -> {
                    DirCacheEntry old = index.getEntry(move.from());
                    if (old == null) {
                        throw new IOException(move.from() + " is not in the wiki");
                    }
                    editor.add(new DirCacheEditor.DeletePath(move.from()));
                    editor.add(entry(move.to(), old.getObjectId(), old.getFileMode()));
                }
            }
            editor.finish();
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            parent.ifPresent(commit::setParentId);
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage(message.endsWith("\n") ? message : message + "\n");
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        }
    }

    private static DirCacheEditor.PathEdit entry(String path, ObjectId blob, FileMode mode) {
        return new DirCacheEditor.PathEdit(path) {
            @Override
            public void apply(DirCacheEntry entry) {
                entry.setFileMode(mode);
                entry.setObjectId(blob);
            }
        };
    }
}
