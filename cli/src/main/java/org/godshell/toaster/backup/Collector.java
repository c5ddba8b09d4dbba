package org.godshell.toaster.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns what {@link TreeWalk} finds into members and manifest entries. A file is read through one open channel,
 * its size taken from that channel; its attributes are read before and after, and when they differ (replaced
 * by a rename, or changed while read: nothing the toaster does, but an admin's editor might) the content read
 * is kept and its status change time recorded as {@link FileTimes#UNKNOWN}, so the next increment reads it again.
 * In an increment a file whose size, modification and status change times are those of the last manifest is
 * referenced there, with the checksum recorded when it was read, instead of stored. In the queue the status
 * change time is not compared: each snapshot's hard links change it, and a queue file is never changed in place
 * (a message is written once under a name never used again, a state file replaced by a rename).
 */
final class Collector implements TreeWalk.Visitor {

    private final ArchiveWriter writer;
    private final Manifest previous;
    private final Tally tally;
    private final List<Entry> entries = new ArrayList<>();

    /** {@code previous}: the last manifest, its own content named by {@code previousName}; null for a full backup. */
    Collector(ArchiveWriter writer, Manifest previous, String previousName, Tally tally) {
        this.writer = writer;
        this.previous = previous == null ? null : rehome(previous, previousName);
        this.tally = tally;
    }

    /** The last manifest with "this archive" spelled out as its name, as the increment must reference it. */
    private static Manifest rehome(Manifest manifest, String name) {
        return Manifest.of(manifest.entries().stream().map(entry -> entry instanceof Entry.File f
                && f.holder().equals(Entry.HERE) ? new Entry.File(f.path(), f.mode(), f.mtime(), f.ctime(),
                f.size(), f.sha256(), name) : entry).toList());
    }

    List<Entry> entries() {
        return entries;
    }

    @Override
    public void directory(String path, PosixFileAttributes attributes) {
        entries.add(new Entry.Directory(path, FileTimes.mode(attributes.permissions()),
                FileTimes.text(attributes.lastModifiedTime())));
        tally.directories++;
    }

    @Override
    public void link(String path, PosixFileAttributes attributes, String target) {
        try {
            MemberName.checkLink(path, target);
        } catch (IllegalArgumentException e) {
            tally.problems.add(e.getMessage() + ": not backed up");
            return;
        }
        entries.add(new Entry.Link(path, FileTimes.text(attributes.lastModifiedTime()), target));
        tally.links++;
    }

    @Override
    public boolean file(String path, Path file) throws IOException {
        PosixFileAttributes before;
        String ctime;
        try {
            before = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            ctime = FileTimes.ctime(file);
        } catch (NoSuchFileException e) {
            return false;
        }
        int mode = FileTimes.mode(before.permissions());
        String mtime = FileTimes.text(before.lastModifiedTime());
        if (previous != null && previous.entry(path).orElse(null) instanceof Entry.File last
                && last.size() == before.size() && last.mtime().equals(mtime) && !last.ctime().equals(FileTimes.UNKNOWN)
                && (last.ctime().equals(ctime) || path.startsWith("queue/"))) {
            entries.add(new Entry.File(path, mode, mtime, ctime, last.size(), last.sha256(), last.holder()));
            tally.referenced++;
            return true;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = channel.size();
            ArchiveWriter.Stored stored = writer.add(path, Channels.newInputStream(channel), size, mode,
                    before.lastModifiedTime().toInstant());
            boolean steady = stored.shortBy() == 0 && same(before, ctime, file, size);
            entries.add(new Entry.File(path, mode, mtime, steady ? ctime : FileTimes.UNKNOWN, size,
                    stored.sha256(), Entry.HERE));
            if (stored.shortBy() > 0) {
                tally.problems.add(path + " shrank by " + stored.shortBy() + " bytes while it was read");
            }
            tally.stored++;
            tally.bytes += size;
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /**
     * For a file made afresh for each backup (the wiki bundle): when its content is the last manifest's, byte for
     * byte by SHA-256, it is referenced there instead of stored again.
     */
    boolean referencedIfSame(String path, Path file) throws IOException {
        if (previous == null || !(previous.entry(path).orElse(null) instanceof Entry.File last)
                || Files.size(file) != last.size()) {
            return false;
        }
        MessageDigest digest = Manifest.digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        if (!Entry.hex(digest.digest()).equals(last.sha256())) {
            return false;
        }
        PosixFileAttributes now = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        entries.add(new Entry.File(path, FileTimes.mode(now.permissions()), FileTimes.text(now.lastModifiedTime()),
                FileTimes.UNKNOWN, last.size(), last.sha256(), last.holder()));
        tally.referenced++;
        return true;
    }

    /** Whether {@code file} is still the one whose attributes were read before, unchanged. */
    private static boolean same(PosixFileAttributes before, String ctime, Path file, long size) throws IOException {
        try {
            PosixFileAttributes after = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return Objects.equals(before.fileKey(), after.fileKey()) && after.size() == size
                    && before.size() == size && after.lastModifiedTime().equals(before.lastModifiedTime())
                    && FileTimes.ctime(file).equals(ctime);
        } catch (NoSuchFileException e) {
            return false;
        }
    }
}
