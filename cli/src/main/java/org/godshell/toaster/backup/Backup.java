package org.godshell.toaster.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.godshell.toaster.io.AtomicFile;
import org.godshell.toaster.io.Handover;

/**
 * Makes one archive of a prefix ({@code backup.md}): the info member, control/, domains/, var/ (without the
 * backup's state), the queue's mess/ and info/ as {@link QueueCapture} saw them at one moment, the wiki bundle
 * and its HEAD, the manifest. Into a directory it is an increment of the last backup there when the state in
 * {@code var/backup/} says so (and fewer than {@value #INCREMENTS_PER_FULL} increments follow the last full
 * one), else a full backup; into a named file always a full one, and the state is left alone.
 */
public final class Backup {

    /** Increments between two full backups: with a nightly timer, a full backup each week. */
    public static final int INCREMENTS_PER_FULL = 6;

    /** Where the archive goes: into a directory of archives (chains, state, {@code --keep}) or one file. */
    public sealed interface Target permits IntoDirectory, IntoFile {}

    public record IntoDirectory(Path dir) implements Target {}

    public record IntoFile(Path file) implements Target {}

    /** What was made: the archive, its kind, and the counts and problems of {@link Tally}. */
    public record Result(Path archive, boolean full, int stored, int referenced, int directories, long bytes,
            int vanished, List<String> problems) {}

    private final Path prefix;
    private final Clock clock;
    private final Limits limits;
    private final QueueCapture queue;
    private final Handover handover;

    /** {@code handover}: what the backup makes in var/backup/ goes to the account var/ belongs to. */
    public Backup(Path prefix, Clock clock, Limits limits, QueueCapture queue, Handover handover) {
        this.prefix = prefix.toAbsolutePath().normalize();
        this.clock = clock;
        this.limits = limits;
        this.queue = queue;
        this.handover = handover;
    }

    /** One backup at a time per prefix ({@code var/backup/lock}): two would race for the state and the names. */
    public Result run(Target target, boolean forceFull, Encryption encryption, boolean encrypted)
            throws IOException {
        Path lock = BackupState.ensureDir(prefix, handover).resolve("lock");
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            handover.apply(lock, lock);
            FileLock held;
            try {
                held = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                held = null;
            }
            if (held == null) {
                throw new IOException("another toaster backup runs on " + prefix + " (it holds " + lock + ")");
            }
            return locked(target, forceFull, encryption, encrypted);
        }
    }

    private Result locked(Target target, boolean forceFull, Encryption encryption, boolean encrypted)
            throws IOException {
        Optional<BackupState> base = Optional.empty();
        Path dir;
        Path file;
        Instant now = clock.instant();
        if (target instanceof IntoDirectory(Path into)) {
            dir = into.toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                AtomicFile.createDirectory(dir, "rwx------");
            }
            if (!forceFull) {
                base = BackupState.read(prefix, limits).filter(state -> state.directory().equals(dir)
                        && state.increments() < INCREMENTS_PER_FULL);
            }
            file = dir.resolve(freeName(dir, now, base.isEmpty(), encrypted));
        } else {
            file = ((IntoFile) target).file().toAbsolutePath().normalize();
            dir = file.getParent();
        }
        Tally tally = new Tally();
        ArchiveInfo info = new ArchiveInfo(base.isEmpty(), now, host(),
                base.map(b -> new ArchiveInfo.Base(b.archive(), b.manifestSha256())),
                base.map(b -> b.increments() + 1).orElse(0));
        byte[] manifest;
        try (ArchiveWriter writer = new ArchiveWriter(file, encryption)) {
            writer.add(MemberName.INFO, info.encode());
            Collector collector = new Collector(writer, base.map(BackupState::manifest).orElse(null),
                    base.map(BackupState::archive).orElse(null), tally);
            // an archive written inside an area must not archive itself, nor its directory of archives
            Set<Path> excluded = target instanceof IntoDirectory ? Set.of(BackupState.dir(prefix), dir)
                    : Set.of(BackupState.dir(prefix), file, ArchiveWriter.temp(file));
            TreeWalk walk = new TreeWalk(excluded, collector, tally);
            for (String area : List.of("control", "domains", "var")) {
                walk.walk(area, prefix.resolve(area));
            }
            queue(walk, tally);
            wiki(writer, collector, tally);
            manifest = Manifest.of(collector.entries()).encode();
            writer.add(MemberName.MANIFEST, manifest);
            writer.commit();
        }
        if (target instanceof IntoDirectory) {
            BackupState.write(prefix, file.getFileName().toString(), dir, manifest, info.increments(), handover);
        }
        return new Result(file, info.full(), tally.stored, tally.referenced, tally.directories, tally.bytes,
                tally.vanished, List.copyOf(tally.problems));
    }

    /** The queue's mess/ and info/ at one moment; a capture that had to copy during deliveries is reported. */
    private void queue(TreeWalk walk, Tally tally) throws IOException {
        Path dir = prefix.resolve("queue");
        if (!Files.isDirectory(dir.resolve("mess"), LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (QueueCapture.Snapshot snapshot = queue.take(dir)) {
            if (!snapshot.consistent()) {
                tally.problems.add("deliveries were still running when the queue was copied: a restore may "
                        + "deliver some of those messages twice (never lose one)");
            }
            walk.walk("queue/mess", snapshot.root().resolve("mess"));
            walk.walk("queue/info", snapshot.root().resolve("info"));
        }
    }

    /**
     * The bundle goes through a temp file in the state directory: a tar member's size comes first. An increment
     * references the last one when the new bundle is the same byte for byte (no push since).
     */
    private void wiki(ArchiveWriter writer, Collector collector, Tally tally) throws IOException {
        Path bare = prefix.resolve("wiki").resolve("wiki.git");
        if (!Files.isDirectory(bare, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path temp = BackupState.ensureDir(prefix, handover).resolve(".wiki.bundle.tmp");
        try {
            boolean written;
            try (OutputStream out = Files.newOutputStream(temp)) {
                written = WikiBundle.write(bare, out);
            }
            Path head = temp.resolveSibling(".wiki.HEAD.tmp");
            Files.write(head, WikiBundle.headMember(WikiBundle.head(bare).orElse("refs/heads/main")));
            try {
                if (!collector.referencedIfSame(MemberName.WIKI_HEAD, head)) {
                    collector.file(MemberName.WIKI_HEAD, head);
                }
            } finally {
                Files.deleteIfExists(head);
            }
            if (written && !collector.referencedIfSame(MemberName.WIKI_BUNDLE, temp)
                    && !collector.file(MemberName.WIKI_BUNDLE, temp)) {
                tally.problems.add("the wiki bundle vanished before it was archived");
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static String freeName(Path dir, Instant now, boolean full, boolean encrypted) {
        for (int sequence = 0; ; sequence++) {
            boolean taken = false;
            for (boolean kind : new boolean[] {true, false}) {
                for (boolean pgp : new boolean[] {true, false}) {
                    taken |= Files.exists(dir.resolve(ArchiveName.of(now, sequence, kind, pgp).toString()));
                }
            }
            if (!taken) {
                return ArchiveName.of(now, sequence, full, encrypted).toString();
            }
        }
    }

    private String host() {
        try {
            Path me = prefix.resolve("control").resolve("me");
            if (Files.isRegularFile(me) && Files.size(me) < 1024) {
                List<String> lines = Files.readAllLines(me, StandardCharsets.UTF_8);
                if (!lines.isEmpty() && !lines.getFirst().isBlank()) {
                    return lines.getFirst().strip();
                }
            }
        } catch (IOException e) {
            // fall through to the host's own name
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
