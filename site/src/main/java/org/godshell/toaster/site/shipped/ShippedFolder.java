package org.godshell.toaster.site.shipped;

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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.godshell.toaster.site.git.PathRules;

/**
 * The shipped documentation folder ({@code PREFIX/wiki-content}) as a git tree. Only regular files are taken,
 * never a symbolic link, and no name starting with a dot; each name must pass the push rules ({@link PathRules}),
 * so the tree holds nothing a push would be refused for. Every file is checked before the first object is
 * written: a folder with one bad name writes nothing.
 */
final class ShippedFolder {

    /** Files larger than this are not documentation; the push limit agrees. */
    static final long MAX_FILE = 5L << 20;

    private ShippedFolder() {
    }

    /** The checked files of a folder, to be written by {@link #tree}. */
    record Checked(Path content, List<Path> files) {
        Checked {
            files = List.copyOf(files);
        }
    }

    /**
     * The regular files under {@code content}, in git's order, each checked against the push rules.
     *
     * @throws IOException when the folder is missing, or holds a name or a file the wiki would refuse
     */
    static Checked check(Path content) throws IOException {
        return new Checked(content, files(content));
    }

    /** Writes the files as blobs and their tree with {@code inserter} (not flushed) and returns the tree's id. */
    static ObjectId tree(Checked checked, ObjectInserter inserter) throws IOException {
        Path content = checked.content();
        List<Path> files = checked.files();
        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        for (Path file : files) {
            DirCacheEntry entry = new DirCacheEntry(relative(content, file));
            entry.setFileMode(FileMode.REGULAR_FILE);
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, Files.size(file), in));
            }
            builder.add(entry);
        }
        builder.finish();
        return index.writeTree(inserter);
    }

    /** The name elements joined by "/": a backslash inside a name stays one, for the push rules to refuse. */
    private static String relative(Path content, Path file) {
        StringBuilder path = new StringBuilder();
        for (Path element : content.relativize(file)) {
            path.append(path.isEmpty() ? "" : "/").append(element);
        }
        return path.toString();
    }

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
                if (file.getFileName().toString().startsWith(".") || !attributes.isRegularFile()) {
                    return FileVisitResult.CONTINUE;
                }
                String relative = relative(content, file);
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
        // git's order: the paths' UTF-8 bytes, unsigned (Path's order puts "a/b" before "a-b", git the other way)
        files.sort((a, b) -> compareBytes(relative(content, a), relative(content, b)));
        return files;
    }

    private static int compareBytes(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
