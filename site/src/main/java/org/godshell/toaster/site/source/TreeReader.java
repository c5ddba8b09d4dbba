package org.godshell.toaster.site.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Lists the files of a commit's tree with a JGit {@link TreeWalk}: regular files are read (within the limits);
 * symlinks, submodules (gitlinks) and refused names are skipped with a warning. Dotfiles ({@code .gitignore},
 * {@code .gitattributes}) are not part of the wiki and are skipped silently.
 */
public final class TreeReader {

    private final Limits limits;

    public TreeReader(Limits limits) {
        this.limits = limits;
    }

    public Snapshot read(Repository repository, ObjectId commitId) throws IOException {
        List<SourceFile> files = new ArrayList<>();
        List<Warning> warnings = new ArrayList<>();
        BlobMemory memory = BlobMemory.start();
        try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader);
             TreeWalk tree = new TreeWalk(repository, reader)) {
            RevCommit commit = walk.parseCommit(commitId);
            tree.addTree(commit.getTree());
            tree.setRecursive(true);
            int seen = 0;
            while (tree.next()) {
                WikiPath.Result name = WikiPath.check(tree.getRawPath());
                if (name.problem().isPresent()) {
                    warnings.add(new Warning(name.path(), "skipped: " + name.problem().get()));
                    continue;
                }
                if (isHidden(name.path())) {
                    continue;
                }
                if (++seen > limits.maxFiles()) {
                    warnings.add(new Warning("", "more than " + limits.maxFiles() + " files; the rest is skipped"));
                    break;
                }
                FileMode mode = tree.getFileMode(0);
                if (mode == FileMode.SYMLINK) {
                    warnings.add(new Warning(name.path(), "skipped: symlinks are never followed"));
                } else if (mode == FileMode.GITLINK) {
                    warnings.add(new Warning(name.path(), "skipped: submodules are not part of the wiki"));
                } else if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
                    files.add(load(reader, name.path(), tree.getObjectId(0), warnings, memory));
                } else {
                    warnings.add(new Warning(name.path(), "skipped: not a regular file"));
                }
            }
        }
        memory.finish();
        files.removeIf(file -> file == null);
        files.sort(Comparator.comparing(SourceFile::path));
        warnings.sort(null);
        return new Snapshot(commitId.copy(), files, warnings);
    }

    private SourceFile load(ObjectReader reader, String path, ObjectId blob, List<Warning> warnings,
                            BlobMemory memory) throws IOException {
        long limit = path.endsWith(".md") ? limits.maxPageBytes() : limits.maxFileBytes();
        byte[] known = memory.recall(blob);
        if (known != null && known.length <= limit) {
            return new SourceFile(path, blob.copy(), known.length, Optional.of(known));
        }
        ObjectLoader loader = reader.open(blob);
        long size = loader.getSize();
        if (size > limit) {
            warnings.add(new Warning(path, "is " + size + " bytes, over the limit of " + limit));
            return path.endsWith(".md") ? new SourceFile(path, blob.copy(), size, Optional.empty()) : null;
        }
        byte[] content = loader.getBytes();
        memory.remember(blob, content);
        return new SourceFile(path, blob.copy(), size, Optional.of(content));
    }

    private static boolean isHidden(String path) {
        return path.startsWith(".") || path.contains("/.");
    }
}
