package org.godshell.toaster.site.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A page's markdown at a commit, by its repository path, for finding the line of a link: empty when the path is
 * not a file there, cannot be read, or is over the size a push may bring (it could not have been built then).
 */
final class PageSource {

    private PageSource() {
    }

    static Function<String, Optional<String>> at(Repository repository, ObjectId commit, int maxBytes) {
        return path -> {
            try (RevWalk walk = new RevWalk(repository);
                 TreeWalk tree = TreeWalk.forPath(repository, path, walk.parseCommit(commit).getTree())) {
                if (tree == null || tree.isSubtree()) {
                    return Optional.empty();
                }
                byte[] bytes = repository.open(tree.getObjectId(0)).getCachedBytes(maxBytes);
                return Optional.of(new String(bytes, StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        };
    }
}
