package org.godshell.toaster.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * An archive and the archives it builds on, found by name in its directory (an increment's info names its
 * base), full backup first. {@link #verify} reads every one to its end and checks every member against its own
 * manifest, every base against the manifest checksum its increment recorded, and every file of the last
 * manifest against the archive said to hold it.
 *
 * @param archives the full backup first, the given archive last
 */
record Chain(List<Path> archives) {

    /** Longer than any real chain (a full backup each week), short enough to stop a loop of names early. */
    private static final int MAX_LENGTH = 1000;

    /** What {@link #verify} read: each archive's contents, in chain order, and every problem found. */
    record Verified(List<ArchiveReader.Contents> contents, List<String> problems) {
        Manifest manifest() {
            return contents.getLast().manifest();
        }
    }

    static Chain find(Path archive, Opener opener) throws IOException {
        List<Path> archives = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Path current = archive.toAbsolutePath().normalize();
        while (true) {
            if (!Files.isRegularFile(current, LinkOption.NOFOLLOW_LINKS)) {
                throw new CorruptArchiveException(archives.isEmpty() ? "no archive " + current
                        : "missing archive " + current.getFileName() + ": " + archives.getFirst().getFileName()
                        + " is an increment of it, and it must be in the same directory");
            }
            ArchiveInfo info;
            try (InputStream in = opener.open(current)) {
                info = ArchiveReader.info(in);
            } catch (IOException e) {
                throw new CorruptArchiveException(current.getFileName() + ": " + e.getMessage(), e);
            }
            archives.addFirst(current);
            if (info.full()) {
                return new Chain(List.copyOf(archives));
            }
            String base = info.base().orElseThrow().name();
            if (!seen.add(base) || archives.size() >= MAX_LENGTH) {
                throw new CorruptArchiveException(current.getFileName() + ": its chain of bases loops or never ends");
            }
            current = current.resolveSibling(base);
        }
    }

    /** Reads every archive, each member's bytes to {@code sinks.apply(index of the archive)}. */
    Verified verify(Opener opener, Limits limits, IntFunction<ArchiveReader.Sink> sinks) throws IOException {
        List<ArchiveReader.Contents> contents = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < archives.size(); i++) {
            String name = archives.get(i).getFileName().toString();
            ArchiveReader.Contents read;
            try (InputStream in = opener.open(archives.get(i))) {
                read = ArchiveReader.read(in, limits, sinks.apply(i));
            } catch (IOException e) {
                throw new CorruptArchiveException(name + ": " + e.getMessage(), e);
            }
            read.problems().forEach(problem -> problems.add(name + ": " + problem));
            if (i == 0 && !read.info().full()) {
                problems.add(name + ": the chain does not start with a full backup");
            }
            if (i > 0 && !read.info().base().map(ArchiveInfo.Base::manifestSha256)
                    .orElse("").equals(contents.get(i - 1).manifestSha256())) {
                problems.add(name + ": its base " + archives.get(i - 1).getFileName()
                        + " is not the archive it was made on (its manifest differs)");
            }
            contents.add(read);
        }
        Manifest last = contents.getLast().manifest();
        List<String> names = archives.stream().map(p -> p.getFileName().toString()).toList();
        for (Entry entry : last.entries()) {
            if (entry instanceof Entry.File file && !file.holder().equals(Entry.HERE)) {
                int holder = names.indexOf(file.holder());
                String where = ArchiveReader.printable(file.path());
                if (holder < 0 || holder == names.size() - 1) {
                    problems.add(names.getLast() + ": " + where + " is held by " + file.holder()
                            + ", which is not in its chain");
                } else if (!(contents.get(holder).manifest().entry(file.path()).orElse(null) instanceof Entry.File held)
                        || !held.holder().equals(Entry.HERE) || !held.sha256().equals(file.sha256())
                        || held.size() != file.size() || !contents.get(holder).members().containsKey(file.path())) {
                    problems.add(names.getLast() + ": bad member " + where + ": " + file.holder()
                            + " does not hold the content the manifest names");
                }
            }
        }
        return new Verified(contents, problems);
    }
}
