package org.godshell.toaster.site.source;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/** Opening a wiki repository, bare or with a working tree (which is never read), and naming its commits. */
public final class WikiRepository {

    private WikiRepository() {
    }

    /** Opens the repository at {@code dir} ({@code dir/.git} or {@code dir} itself when bare). */
    public static Repository open(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a directory");
        }
        File gitDir = RepositoryCache.FileKey.resolve(dir.toFile(), FS.DETECTED);
        if (gitDir == null) {
            throw new IOException(dir + " is not a git repository (neither bare nor with a .git directory)");
        }
        return new FileRepositoryBuilder().setGitDir(gitDir).setMustExist(true).build();
    }

    /** The commit a ref (branch, tag or commit id) names, or an IOException saying it names none. */
    public static ObjectId commit(Repository repository, String ref) throws IOException {
        ObjectId id;
        try {
            id = repository.resolve(ref + "^{commit}");
        } catch (RevisionSyntaxException e) {
            throw new IOException("'" + ref + "' is not a valid ref", e);
        }
        if (id == null) {
            List<String> branches = new ArrayList<>();
            for (Ref branch : repository.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
                branches.add(Repository.shortenRefName(branch.getName()));
            }
            throw new IOException("the repository has no commit at '" + ref + "'" + (branches.isEmpty()
                    ? " (it has no branch with a commit yet)"
                    : "; its branches: " + String.join(", ", branches) + " (choose one with --ref)"));
        }
        return id;
    }
}
