package org.godshell.toaster.site.shipped;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The wiki's bare repository as the tests see it: the files of a commit, and commits on {@code main} as an
 * editor's push would make them (flat trees: the tests' pages sit at the top level).
 */
final class WikiRepo {

    static final PersonIdent EDITOR = new PersonIdent("Ann Editor", "ann@example.org");
    static final PersonIdent DOCS = new PersonIdent("Toaster Docs", "postmaster@mx.example.test");

    private WikiRepo() {
    }

    static Optional<ObjectId> ref(Path bare, String name) throws IOException {
        try (Repository repository = Git.open(bare.toFile()).getRepository()) {
            Ref ref = repository.exactRef(name);
            return Optional.ofNullable(ref).map(Ref::getObjectId);
        }
    }

    static RevCommit commit(Path bare, ObjectId id) throws IOException {
        try (Repository repository = Git.open(bare.toFile()).getRepository(); RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(id);
            walk.parseBody(commit);
            return commit;
        }
    }

    /** Path to content (as UTF-8 text) of every file of {@code commit}. */
    static Map<String, String> files(Path bare, ObjectId commit) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Repository repository = Git.open(bare.toFile()).getRepository(); RevWalk walk = new RevWalk(repository);
                TreeWalk tree = new TreeWalk(repository)) {
            tree.addTree(walk.parseCommit(commit).getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                files.put(tree.getPathString(), new String(repository.open(tree.getObjectId(0)).getBytes(),
                        StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    /** An editor's commit on top of {@code main} whose tree is exactly {@code files} (top-level names). */
    static ObjectId edit(Path bare, Map<String, byte[]> files) throws IOException {
        try (Repository repository = Git.open(bare.toFile()).getRepository()) {
            ObjectId main = repository.exactRef(ShippedDocs.MAIN).getObjectId();
            ObjectId id = write(repository, files, List.of(main), "an edit\n");
            Refs.move(repository, ShippedDocs.MAIN, main, id, EDITOR, "push");
            return id;
        }
    }

    /** A commit of {@code files} with these parents, on no branch. */
    static ObjectId write(Repository repository, Map<String, byte[]> files, List<ObjectId> parents, String message)
            throws IOException {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            TreeFormatter tree = new TreeFormatter();
            for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
                tree.append(file.getKey(), FileMode.REGULAR_FILE,
                        inserter.insert(Constants.OBJ_BLOB, file.getValue()));
            }
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(inserter.insert(tree));
            commit.setParentIds(parents);
            commit.setAuthor(EDITOR);
            commit.setCommitter(EDITOR);
            commit.setMessage(message);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        }
    }

    /** {@code files} (top-level names to text) written as the shipped folder, replacing what it held. */
    static Path folder(Path dir, Map<String, String> files) throws IOException {
        if (Files.exists(dir)) {
            try (var old = Files.list(dir)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(dir);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue());
        }
        return dir;
    }

    static Map<String, byte[]> utf8(Map<String, String> files) {
        Map<String, byte[]> bytes = new TreeMap<>();
        files.forEach((name, text) -> bytes.put(name, text.getBytes(StandardCharsets.UTF_8)));
        return bytes;
    }
}
