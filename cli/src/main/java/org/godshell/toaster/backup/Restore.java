package org.godshell.toaster.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.godshell.toaster.io.AtomicFile;
import org.godshell.toaster.layout.Owners;

/**
 * Puts a prefix back as an archive (and its chain) recorded it, in an order that cannot leave it half done by a
 * bad archive: with {@code queue/lock} held ({@link QueueLock}), every archive of the chain is unpacked into
 * {@code PREFIX/.restore-staging-TIME/} and checked ({@link Chain#verify}); on any problem the staging directory
 * goes and the prefix is untouched. Then the tree is assembled there (directories, files, links, modes, times, the
 * wiki repository from its bundle), and each area is swapped: the current one moved to
 * {@code PREFIX/restore-old-TIME/} (never deleted), the restored one moved in. Run as root, each area is handed to
 * the owner the layout names ({@link Owners}), as the installer does.
 */
public final class Restore {

    /** What was done: the archives read, where the old state went (null: nothing was there), the areas replaced. */
    public record Result(List<String> archives, Path movedAside, List<String> areas, List<String> notes) {}

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final Path prefix;
    private final Opener opener;
    private final Limits limits;
    private final Clock clock;

    public Restore(Path prefix, Opener opener, Limits limits, Clock clock) {
        this.prefix = prefix.toAbsolutePath().normalize();
        this.opener = opener;
        this.limits = limits;
        this.clock = clock;
    }

    public Result run(Path archive) throws IOException {
        String stamp = STAMP.format(clock.instant());
        QueueLock held = QueueLock.take(prefix);
        try {
            Chain chain = Chain.find(archive, opener);
            removeLeftovers();
            Path staging = prefix.resolve(".restore-staging-" + stamp);
            AtomicFile.createDirectory(staging, "rwx------");
            try {
                Chain.Verified verified = chain.verify(opener, limits, i -> name -> create(staging.resolve("a" + i), name));
                if (!verified.problems().isEmpty()) {
                    throw new CorruptArchiveException("refused, nothing was changed:\n  "
                            + String.join("\n  ", verified.problems()));
                }
                Path tree = staging.resolve("tree");
                assemble(chain, verified.manifest(), staging, tree);
                return swap(tree, stamp, chain.archives().stream().map(p -> p.getFileName().toString()).toList());
            } finally {
                Trees.delete(staging);
            }
        } finally {
            held.close();
        }
    }

    /** Staging directories of a restore that was killed: with the queue lock held, no other restore runs. */
    private void removeLeftovers() throws IOException {
        try (var entries = Files.list(prefix)) {
            for (Path leftover : entries.filter(p -> p.getFileName().toString().startsWith(".restore-staging-"))
                    .toList()) {
                Trees.delete(leftover);
            }
        }
    }

    /** A new file for a member, 0600 until its mode is set; the name was checked by {@link ArchiveReader}. */
    private static OutputStream create(Path root, String name) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        return java.nio.channels.Channels.newOutputStream(java.nio.channels.FileChannel.open(file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), AtomicFile.permissions(root, "rw-------")));
    }

    private void assemble(Chain chain, Manifest manifest, Path staging, Path tree) throws IOException {
        List<String> names = chain.archives().stream().map(p -> p.getFileName().toString()).toList();
        List<Entry.Directory> directories = new ArrayList<>();
        for (Entry entry : manifest.entries()) {
            Path path = tree.resolve(entry.path());
            switch (entry) {
                case Entry.Directory directory -> {
                    Files.createDirectories(path);
                    directories.add(directory);
                }
                case Entry.File file -> {
                    int holder = file.holder().equals(Entry.HERE) ? names.size() - 1 : names.indexOf(file.holder());
                    Files.createDirectories(path.getParent());
                    Files.move(staging.resolve("a" + holder).resolve(file.path()), path);
                    Files.setPosixFilePermissions(path, FileTimes.permissions(file.mode()));
                    Files.setLastModifiedTime(path, FileTime.from(FileTimes.instant(file.mtime())));
                }
                case Entry.Link link -> Files.createSymbolicLink(path, path.getFileSystem().getPath(link.target()));
            }
        }
        if (manifest.entry(MemberName.WIKI_HEAD).isPresent()) {
            Path bundle = tree.resolve(MemberName.WIKI_BUNDLE);
            WikiBundle.restore(Files.exists(bundle) ? bundle : null,
                    WikiBundle.parseHead(tree.resolve(MemberName.WIKI_HEAD)), tree.resolve("wiki").resolve("wiki.git"));
        }
        for (Entry.Directory directory : directories.reversed()) {
            Path path = tree.resolve(directory.path());
            Files.setPosixFilePermissions(path, FileTimes.permissions(directory.mode() | 0700));
            Files.setLastModifiedTime(path, FileTime.from(FileTimes.instant(directory.mtime())));
        }
        for (Entry.Directory directory : directories) {
            Files.setPosixFilePermissions(tree.resolve(directory.path()), FileTimes.permissions(directory.mode()));
        }
    }

    /** Moves each area aside and the restored one in; a failure half-way puts back what was moved. */
    private Result swap(Path tree, String stamp, List<String> archives) throws IOException {
        Path old = prefix.resolve("restore-old-" + stamp);
        List<String> areas = new ArrayList<>(MemberName.AREAS);
        areas.add("wiki/wiki.git");
        List<String> done = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try {
            for (String area : areas) {
                Path restored = tree.resolve(area);
                if (!Files.exists(restored, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                Path current = prefix.resolve(area);
                if (Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                    if (!Files.isDirectory(old)) {
                        AtomicFile.createDirectory(old, "rwx------");
                    }
                    Files.createDirectories(old.resolve(area).getParent());
                    Files.move(current, old.resolve(area));
                }
                Files.createDirectories(current.getParent());
                Files.move(restored, current);
                done.add(area);
            }
        } catch (IOException e) {
            for (String area : done.reversed()) {
                Files.move(prefix.resolve(area), tree.resolve(area));
                if (Files.exists(old.resolve(area), LinkOption.NOFOLLOW_LINKS)) {
                    Files.move(old.resolve(area), prefix.resolve(area));
                }
            }
            throw new IOException("restore stopped, the prefix put back as it was: " + e.getMessage(), e);
        }
        AtomicFile.syncDirectory(prefix);
        if ("root".equals(System.getProperty("user.name"))) {
            Owners owners = Owners.of(prefix);
            for (String area : done) {
                owners.adoptTree(prefix.resolve(area));
            }
            notes.add("owners set as the installer sets them");
        }
        return new Result(archives, Files.isDirectory(old) ? old : null, List.copyOf(done), notes);
    }
}
