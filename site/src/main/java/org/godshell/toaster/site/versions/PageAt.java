package org.godshell.toaster.site.versions;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.godshell.toaster.site.history.HistoryWalk;
import org.godshell.toaster.site.source.Limits;
import org.godshell.toaster.site.source.SourceFile;

/**
 * A page's file in one commit's tree. The name asked for is looked up first as it is; when that commit has no
 * file of that name, the page's renames are followed from {@code main} back to the commit (one history walk over
 * the commits between, as the build's own), so a page may be asked for by its present name too.
 */
final class PageAt {

    private PageAt() {
    }

    /**
     * The file, or empty when the page did not exist in that commit (created later, or deleted before). A file
     * over the page size limit has no content, as in the build, which shows a notice for it.
     */
    static Optional<SourceFile> find(Repository repository, ObjectId main, RevCommit commit, String path,
                                     Limits limits) throws IOException {
        Optional<SourceFile> direct = read(repository, commit, path, limits);
        if (direct.isPresent()) {
            return direct;
        }
        Map<String, String> names = HistoryWalk.walk(repository, main, Optional.of(commit), List.of(path))
                .headNames();
        for (Map.Entry<String, String> name : names.entrySet()) {
            if (name.getValue().equals(path) && !name.getKey().equals(path)) {
                return read(repository, commit, name.getKey(), limits);
            }
        }
        return Optional.empty();
    }

    private static Optional<SourceFile> read(Repository repository, RevCommit commit, String path, Limits limits)
            throws IOException {
        try (TreeWalk walk = TreeWalk.forPath(repository, path, commit.getTree())) {
            if (walk == null) {
                return Optional.empty();
            }
            FileMode mode = walk.getFileMode(0);
            if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                return Optional.empty();
            }
            ObjectId blob = walk.getObjectId(0);
            ObjectLoader loader = repository.open(blob);
            long size = loader.getSize();
            Optional<byte[]> content = size > limits.maxPageBytes() ? Optional.empty()
                    : Optional.of(loader.getBytes());
            return Optional.of(new SourceFile(path, blob.copy(), size, content));
        }
    }
}
