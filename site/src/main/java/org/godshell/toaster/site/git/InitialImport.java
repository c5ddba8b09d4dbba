package org.godshell.toaster.site.git;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/**
 * Creates the wiki's bare repository with a folder's files as its first commit on {@code main} — the toaster's
 * own documentation ({@code wiki-content/}) on a new installation. Only regular files are taken, never a
 * symbolic link, and no name starting with a dot; each name must pass the push rules ({@link PathRules}), so the
 * first commit holds nothing a push would be refused for. Doing nothing when {@code main} exists makes it safe to
 * run on every install and start.
 */
public final class InitialImport {

    /** Files larger than this are not documentation; the push limit agrees. */
    private static final long MAX_FILE = 5L << 20;

    private InitialImport() {
    }

    /**
     * Makes {@code bare} (created when missing) hold {@code content}'s files as the first commit of {@code main};
     * returns the commit, or empty when {@code main} already existed and nothing was done.
     *
     * @throws IOException when the folder holds a name or a file the wiki would refuse (nothing is written then)
     */
    public static Optional<ObjectId> create(Path bare, Path content, PersonIdent author, String message)
            throws IOException {
        List<Path> files = files(content);
        if (!Files.exists(bare)) {
            Files.createDirectories(bare.getParent());
            try {
                Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
            } catch (GitAPIException e) {
                throw new IOException("cannot create " + bare + ": " + e.getMessage(), e);
            }
        }
        try (Repository repository = Git.open(bare.toFile()).getRepository()) {
            if (repository.exactRef(Constants.R_HEADS + "main") != null) {
                return Optional.empty();
            }
            try (ObjectInserter inserter = repository.newObjectInserter()) {
                DirCache index = DirCache.newInCore();
                DirCacheBuilder builder = index.builder();
                for (Path file : files) {
                    DirCacheEntry entry = new DirCacheEntry(content.relativize(file).toString().replace('\\', '/'));
                    entry.setFileMode(FileMode.REGULAR_FILE);
                    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                        entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, Files.size(file), in));
                    }
                    builder.add(entry);
                }
                builder.finish();
                CommitBuilder commit = new CommitBuilder();
                commit.setTreeId(index.writeTree(inserter));
                commit.setAuthor(author);
                commit.setCommitter(author);
                commit.setMessage(message);
                ObjectId id = inserter.insert(commit);
                inserter.flush();
                RefUpdate update = repository.updateRef(Constants.R_HEADS + "main");
                update.setNewObjectId(id);
                update.setExpectedOldObjectId(ObjectId.zeroId());
                RefUpdate.Result result = update.update();
                if (result != RefUpdate.Result.NEW) {
                    throw new IOException("cannot create the main branch of " + bare + ": " + result);
                }
                return Optional.of(id);
            }
        }
    }

    /** The regular files under {@code content}, sorted, each checked against the push rules. */
    private static List<Path> files(Path content) throws IOException {
        if (!Files.isDirectory(content, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(content + " is not a directory");
        }
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(content, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                return !dir.equals(content) && dir.getFileName().toString().startsWith(".")
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                String relative = content.relativize(file).toString().replace('\\', '/');
                if (file.getFileName().toString().startsWith(".") || !attributes.isRegularFile()) {
                    return FileVisitResult.CONTINUE;
                }
                Optional<String> problem = PathRules.entry(relative.getBytes(StandardCharsets.UTF_8),
                        FileMode.REGULAR_FILE);
                if (problem.isEmpty() && attributes.size() > MAX_FILE) {
                    problem = Optional.of(relative + " is larger than " + MAX_FILE + " bytes");
                }
                if (problem.isEmpty() && PathRules.isPage(relative)) {
                    problem = PathRules.page(relative, Files.readAllBytes(file));
                }
                if (problem.isPresent()) {
                    throw new IOException(problem.get());
                }
                files.add(file);
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        return files;
    }
}
