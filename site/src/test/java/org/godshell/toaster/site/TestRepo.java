package org.godshell.toaster.site;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Builds test repositories with JGit's object API: whole trees written entry by entry (so tests can commit what
 * a checkout could not hold: '..' names, control characters, invalid UTF-8, symlinks, gitlinks), commits with a
 * fixed author and date, {@code refs/heads/main} moved to each new commit.
 */
public final class TestRepo implements AutoCloseable {

    /** One tree entry: raw name bytes, mode, content (for a gitlink: the 20-byte commit id). */
    public record Entry(byte[] path, FileMode mode, byte[] content) {
        public static Entry file(String path, String text) {
            return new Entry(path.getBytes(StandardCharsets.UTF_8), FileMode.REGULAR_FILE,
                    text.getBytes(StandardCharsets.UTF_8));
        }

        public static Entry bytes(String path, byte[] content) {
            return new Entry(path.getBytes(StandardCharsets.UTF_8), FileMode.REGULAR_FILE, content);
        }
    }

    public static final Instant EPOCH = Instant.parse("2024-01-01T12:00:00Z");
    private final Repository repository;
    private ObjectId head;

    private TestRepo(Repository repository) {
        this.repository = repository;
    }

    /** A new bare repository in {@code dir}. */
    public static TestRepo bare(Path dir) throws IOException {
        Repository repository = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
        repository.create(true);
        RefUpdate headRef = repository.updateRef(Constants.HEAD);
        headRef.link("refs/heads/main");
        return new TestRepo(repository);
    }

    public Repository repository() {
        return repository;
    }

    public ObjectId head() {
        return head;
    }

    /** Makes the next commit's parent {@code commit}, as a force-push would. */
    public void resetHead(ObjectId commit) {
        head = commit;
    }

    /** Commits exactly these entries as the whole tree. */
    public ObjectId commit(String message, String author, Instant when, List<Entry> entries) throws IOException {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            ObjectId tree = tree(inserter, entries, 0);
            CommitBuilder commit = new CommitBuilder();
            PersonIdent ident = new PersonIdent(author, author.toLowerCase().replace(' ', '.') + "@example.org",
                    when, ZoneOffset.UTC);
            commit.setAuthor(ident);
            commit.setCommitter(ident);
            commit.setMessage(message);
            commit.setTreeId(tree);
            if (head != null) {
                commit.setParentId(head);
            }
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = repository.updateRef("refs/heads/main");
            update.setNewObjectId(id);
            update.setForceUpdate(true);
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED
                    && result != RefUpdate.Result.FAST_FORWARD) {
                throw new IOException("ref update " + result);
            }
            head = id;
            return id;
        }
    }

    /** Commits the files of a folder (recursively, UTF-8 names) as the whole tree. */
    public ObjectId commitFolder(Path folder, String message, String author, Instant when) throws IOException {
        return commit(message, author, when, entriesOf(folder));
    }

    public static List<Entry> entriesOf(Path folder) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = folder.relativize(file).toString().replace('\\', '/');
                entries.add(Entry.bytes(name, Files.readAllBytes(file)));
            }
        }
        return entries;
    }

    private ObjectId tree(ObjectInserter inserter, List<Entry> entries, int depth) throws IOException {
        Map<String, List<Entry>> subtrees = new TreeMap<>();
        Map<String, Entry> here = new TreeMap<>();
        for (Entry entry : entries) {
            byte[][] segments = split(entry.path());
            String key = new String(segments[depth], StandardCharsets.ISO_8859_1);
            if (segments.length == depth + 1) {
                here.put(key, entry);
            } else {
                subtrees.computeIfAbsent(key, k -> new ArrayList<>()).add(entry);
            }
        }
        // git orders tree entries by name bytes, a tree's name compared as if it ended in '/'
        TreeMap<String, Object> ordered = new TreeMap<>();
        here.forEach((name, entry) -> ordered.put(name, entry));
        subtrees.forEach((name, list) -> ordered.put(name + "/", list));
        TreeFormatter formatter = new TreeFormatter();
        for (Map.Entry<String, Object> item : ordered.entrySet()) {
            if (item.getValue() instanceof Entry entry) {
                byte[] name = item.getKey().getBytes(StandardCharsets.ISO_8859_1);
                ObjectId id = entry.mode() == FileMode.GITLINK ? ObjectId.fromRaw(entry.content())
                        : inserter.insert(Constants.OBJ_BLOB, entry.content());
                formatter.append(name, entry.mode(), id);
            } else {
                @SuppressWarnings("unchecked")
                List<Entry> list = (List<Entry>) item.getValue();
                String name = item.getKey().substring(0, item.getKey().length() - 1);
                formatter.append(name.getBytes(StandardCharsets.ISO_8859_1), FileMode.TREE,
                        tree(inserter, list, depth + 1));
            }
        }
        return inserter.insert(formatter);
    }

    private static byte[][] split(byte[] path) {
        List<byte[]> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= path.length; i++) {
            if (i == path.length || path[i] == '/') {
                parts.add(Arrays.copyOfRange(path, start, i));
                start = i + 1;
            }
        }
        return parts.toArray(new byte[0][]);
    }

    @Override
    public void close() {
        repository.close();
    }
}
