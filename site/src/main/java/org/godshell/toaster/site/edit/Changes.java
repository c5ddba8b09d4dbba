package org.godshell.toaster.site.edit;

import java.io.IOException;
import java.util.Optional;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.DirCacheNameConflictException;
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

    /**
     * The target of a write or a move is a folder, or one of its parents is a file. A tree cannot hold both, and
     * a {@link DirCacheEditor} would make room by deleting what is in the way: other pages, silently.
     */
    static final class InTheWay extends IOException {
        private static final long serialVersionUID = 1L;

        InTheWay(String message) {
            super(message);
        }
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
                case Write write -> {
                    refuseInTheWay(index, write.path());
                    editor.add(entry(write.path(), inserter.insert(Constants.OBJ_BLOB, write.content()),
                            FileMode.REGULAR_FILE));
                }
                case Delete delete -> editor.add(new DirCacheEditor.DeletePath(delete.path()));
                case Move move -> {
                    DirCacheEntry old = index.getEntry(move.from());
                    if (old == null) {
                        throw new IOException(move.from() + " is not in the wiki");
                    }
                    refuseInTheWay(index, move.to());
                    editor.add(new DirCacheEditor.DeletePath(move.from()));
                    editor.add(entry(move.to(), old.getObjectId(), old.getFileMode()));
                }
            }
            try {
                editor.finish();
            } catch (DirCacheNameConflictException e) {
                throw new InTheWay(e.getPath1() + " and " + e.getPath2() + " cannot both be in the wiki (a file "
                        + "and a folder of one name); nothing was changed");
            }
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

    /** Refuses a file at {@code path} when a parent of it is a file, or {@code path} is a folder. */
    private static void refuseInTheWay(DirCache index, String path) throws InTheWay {
        for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
            String parent = path.substring(0, slash);
            if (index.getEntry(parent) != null) {
                throw new InTheWay(parent + " is a file in the wiki, so it cannot be a folder holding " + path
                        + "; choose another name");
            }
        }
        if (index.getEntriesWithin(path).length > 0) {
            throw new InTheWay(path + " is a folder in the wiki; choose another name");
        }
    }

    /** An entry that never replaces a file or folder in its way (the check above comes first; this is the floor). */
    private static DirCacheEditor.PathEdit entry(String path, ObjectId blob, FileMode mode) {
        return new DirCacheEditor.PathEdit(path) {
            @Override
            public void apply(DirCacheEntry entry) {
                entry.setFileMode(mode);
                entry.setObjectId(blob);
            }
        }.setReplace(false);
    }
}
