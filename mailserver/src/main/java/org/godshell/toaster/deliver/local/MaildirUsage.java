package org.godshell.toaster.deliver.local;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many bytes a Maildir holds, for the quota check: the messages in {@code new/} and {@code cur/} of the
 * Maildir and of each Maildir++ folder ({@code .name/}). A message's size is taken from the {@code ,S=} of its
 * name when present (Dovecot and this toaster write it), else from the file. Symbolic links are neither followed
 * nor counted.
 *
 * <p>Listing a mailbox of 50,000 messages at every delivery would make delivery cost grow with the mailbox, so
 * the total of each {@code new/} and {@code cur/} is remembered with that directory's identity and modification
 * time: any message added, removed or renamed there (a delivery, a client reading, flagging or expunging mail)
 * changes the time, and the directory is listed again. As in Git's "racy clean" rule, a total is only remembered
 * when the directory's time is older than the listing by {@link #RACY_MARGIN}: a change made in the same tick of
 * the file system's clock as the time read would leave that time as it was, but every change made after the
 * listing began is stamped later than a time that old. A message rewritten in place, which Maildir forbids, is
 * not seen until its directory changes.
 */
final class MaildirUsage {

    /** Far more than a file system timestamp's granularity (one kernel tick, a few milliseconds). */
    static final long RACY_MARGIN = 2_000;
    /** Directories remembered; beyond, all are forgotten (each user's Maildir holds two per folder). */
    static final int MAX_REMEMBERED = 20_000;

    private final Clock clock;
    private final int bound;
    private final Map<Path, Listing> remembered = new ConcurrentHashMap<>();

    MaildirUsage() {
        this(Clock.systemUTC(), MAX_REMEMBERED);
    }

    MaildirUsage(Clock clock, int bound) {
        this.clock = clock;
        this.bound = bound;
    }

    /** A directory's total as it was listed, valid while the directory keeps its identity and time. */
    private record Listing(Object fileKey, FileTime modified, long bytes) {

        boolean describes(BasicFileAttributes now) {
            return Objects.equals(fileKey, now.fileKey()) && modified.equals(now.lastModifiedTime());
        }
    }

    long of(Path maildir) throws IOException {
        long total = folder(maildir);
        if (!Files.isDirectory(maildir, LinkOption.NOFOLLOW_LINKS)) {
            return total;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(maildir, ".*")) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.equals(".") && !name.equals("..") && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    total += folder(entry);
                }
            }
        }
        return total;
    }

    /** How many directories are remembered now. */
    int remembered() {
        return remembered.size();
    }

    private long folder(Path dir) throws IOException {
        return messages(dir.resolve("new")) + messages(dir.resolve("cur"));
    }

    private long messages(Path dir) throws IOException {
        BasicFileAttributes before;
        try {
            before = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            remembered.remove(dir);
            return 0;
        }
        if (!before.isDirectory()) {
            remembered.remove(dir);
            return 0;
        }
        Listing known = remembered.get(dir);
        if (known != null && known.describes(before)) {
            return known.bytes();
        }
        long listed = clock.millis();
        long bytes = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                bytes += size(entry);
            }
        }
        if (before.lastModifiedTime().toMillis() <= listed - RACY_MARGIN) {
            if (remembered.size() >= bound) {
                remembered.clear();
            }
            remembered.put(dir, new Listing(before.fileKey(), before.lastModifiedTime(), bytes));
        } else {
            remembered.remove(dir);
        }
        return bytes;
    }

    /** The {@code ,S=<size>} of a Maildir name (before any {@code :2,} flags), or the file's size. */
    static long size(Path message) throws IOException {
        String name = message.getFileName().toString();
        int s = name.indexOf(",S=");
        if (s >= 0) {
            int end = s + 3;
            while (end < name.length() && name.charAt(end) >= '0' && name.charAt(end) <= '9' && end - s < 21) {
                end++;
            }
            if (end > s + 3 && end - s < 21) {
                return Long.parseLong(name.substring(s + 3, end));
            }
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(message, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile() ? attributes.size() : 0;
        } catch (NoSuchFileException e) {
            // moved or expunged by a client between the listing and now: it holds nothing here any more
            return 0;
        }
    }
}
