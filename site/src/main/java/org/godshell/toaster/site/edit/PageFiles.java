package org.godshell.toaster.site.edit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Reading the bare repository: where main is, and a page's text at a commit. Nothing here writes. */
final class PageFiles {

    static final String MAIN = Constants.R_HEADS + "main";

    private PageFiles() {
    }

    static Optional<ObjectId> main(Repository repository) throws IOException {
        return Optional.ofNullable(repository.exactRef(MAIN)).map(Ref::getObjectId);
    }

    /**
     * The page's text at {@code commit}: empty when there is no file there (a folder is not a page); an
     * {@link IOException} when it is over {@code maxBytes} or not UTF-8 text, which the editor cannot show.
     */
    static Optional<String> text(Repository repository, Optional<ObjectId> commit, String path, long maxBytes)
            throws IOException {
        if (commit.isEmpty()) {
            return Optional.empty();
        }
        try (RevWalk walk = new RevWalk(repository);
             TreeWalk tree = TreeWalk.forPath(repository, path, walk.parseCommit(commit.get()).getTree())) {
            if (tree == null || tree.isSubtree()) {
                return Optional.empty();
            }
            byte[] bytes;
            try {
                bytes = repository.open(tree.getObjectId(0)).getCachedBytes((int) Math.min(maxBytes,
                        Integer.MAX_VALUE - 8));
            } catch (LargeObjectException e) {
                throw new IOException(path + " is larger than " + maxBytes + " bytes; edit it with git");
            }
            try {
                return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
            } catch (CharacterCodingException e) {
                throw new IOException(path + " is not UTF-8 text; edit it with git");
            }
        }
    }

    /** Whether anything (a file or a folder) is at {@code path} in {@code commit}. */
    static boolean exists(Repository repository, Optional<ObjectId> commit, String path) throws IOException {
        if (commit.isEmpty()) {
            return false;
        }
        try (RevWalk walk = new RevWalk(repository);
             TreeWalk tree = TreeWalk.forPath(repository, path, walk.parseCommit(commit.get()).getTree())) {
            return tree != null;
        }
    }

    /** A commit id from a form, or empty for "none" (the page or the repository did not exist). */
    static Optional<ObjectId> commitField(String value) throws IOException {
        if (value.equals("none")) {
            return Optional.empty();
        }
        if (!ObjectId.isId(value)) {
            throw new IOException("the form's base commit is not a commit id");
        }
        return Optional.of(ObjectId.fromString(value));
    }
}
