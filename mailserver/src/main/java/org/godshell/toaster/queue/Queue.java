package org.godshell.toaster.queue;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The durable queue in one directory: {@code tmp/} holds messages being received, {@code mess/} holds committed
 * ones, one file each (envelope, then message bytes). The commit point is the hard link from {@code tmp/} into
 * {@code mess/}, made durable by an fsync of {@code mess/} that concurrent commits share ({@link GroupCommit}).
 * See {@code queue.md} for the state table.
 *
 * <p>Thread-safe: any number of threads may begin, commit, list and read at once. Each {@link Intake} belongs
 * to one thread.
 */
public final class Queue implements Closeable {

    private static final int LINK_ATTEMPTS = 4;
    /** Read too: a checker reads the message back before the commit ({@link Intake#received()}). */
    private static final Set<OpenOption> CREATE = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
            StandardOpenOption.READ);
    /** A message copy for readers ({@link Intake#copy()}): created here, never replacing a file. */
    static final Set<OpenOption> CREATE_COPY = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    private final Path tmp;
    private final Path mess;
    private final FileChannel messDir;
    private final GroupCommit group;
    private final FileAttribute<?>[] fileMode;
    private final String tempPrefix = StaleTemps.prefix();
    private final List<Consumer<QueueId>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private Queue(Path dir) throws IOException {
        this.tmp = dir.resolve("tmp");
        this.mess = dir.resolve("mess");
        this.messDir = FileChannel.open(mess, StandardOpenOption.READ);
        this.group = new GroupCommit(() -> messDir.force(true));
        this.fileMode = permissions("rw-------", dir);
    }

    /**
     * Opens the queue in {@code dir}, creating {@code dir}, {@code tmp/} and {@code mess/} (mode 0700) where
     * missing and fsyncing what it created, then deletes the stale temp files in {@code tmp/} (those whose
     * writing process is dead; exact rule in {@link StaleTemps}). Committed messages are never touched.
     */
    public static Queue open(Path dir) throws IOException {
        createDirectory(dir);
        boolean changed = createDirectory(dir.resolve("tmp"));
        changed |= createDirectory(dir.resolve("mess"));
        if (changed) {
            fsyncDirectory(dir);
        }
        StaleTemps.remove(dir.resolve("tmp"));
        return new Queue(dir);
    }

    /**
     * Starts receiving a message for {@code envelope}: creates its temp file with the envelope at its head.
     *
     * @throws IllegalArgumentException if an envelope value is not valid Unicode
     * @throws IOException              if the temp file cannot be created (answer 452 4.3.1)
     */
    public Intake begin(Envelope envelope) throws IOException {
        ensureOpen();
        byte[] head = EnvelopeCodec.encode(envelope);
        QueueId id = QueueId.next();
        Path temp = tmp.resolve(tempPrefix + id.value());
        FileChannel channel = FileChannel.open(temp, CREATE, fileMode);
        return new Intake(this, id, temp, new TempFile(channel, temp.toString(), head), head.length);
    }

    /**
     * The commit point: links the fsynced {@code temp} into {@code mess/} under a fresh name, drops the temp
     * name, and returns once the directory is durable. A link never replaces an existing message; on the
     * (astronomically rare) clash with another process's id it retries under a new id.
     */
    QueueId publish(Path temp, QueueId id) throws IOException {
        ensureOpen();
        QueueId name = id;
        for (int attempt = 1; ; attempt++) {
            try {
                Files.createLink(mess.resolve(name.value()), temp);
                break;
            } catch (FileAlreadyExistsException e) {
                if (attempt == LINK_ATTEMPTS) {
                    throw e;
                }
                name = QueueId.next();
            }
        }
        // Deliberately not failing the commit when this fails: the message is already linked, a failed 4xx answer
        // would only cause a duplicate, and the leftover temp name is deleted as stale when the queue next opens.
        // File.delete is one unlink(2); Files.delete stats the path first (file or directory?), a system call a
        // message for an answer we know.
        temp.toFile().delete();
        group.await();
        for (Consumer<QueueId> listener : listeners) {
            listener.accept(name);
        }
        return name;
    }

    /**
     * Calls {@code listener} with the id of every message committed through this object from now on, after
     * it is durable, on the committing thread: the in-process delivery scheduler learns of new mail without
     * polling. A listener must return quickly and must not throw.
     */
    public void onCommit(Consumer<QueueId> listener) {
        listeners.add(listener);
    }

    /**
     * Removes a committed message for good, once delivery is done with every recipient: the unlink is
     * delivery's commit point (queue.md), so it is made durable before this returns. Removing a message that
     * is already gone is not an error (a crash after the unlink repeats it).
     */
    public void remove(QueueId id) throws IOException {
        ensureOpen();
        if (Files.deleteIfExists(mess.resolve(id.value()))) {
            group.await();
        }
    }

    /** Committed messages, oldest first. Names in {@code mess/} that are not queue ids are not ours: skipped. */
    public List<QueueId> list() throws IOException {
        List<QueueId> ids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(mess)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (QueueId.isValid(name)) {
                    ids.add(new QueueId(name));
                }
            }
        }
        ids.sort(null);
        return ids;
    }

    /**
     * Reads the envelope and the header edits of a committed message; its bytes are opened with
     * {@link QueuedMessage#openMessage()}.
     *
     * @throws NoSuchMessageException if no such message is in the queue
     * @throws IOException            {@code corrupt queue file <path>: <why>} if the file is not one the queue
     *                                wrote
     */
    public QueuedMessage read(QueueId id) throws IOException {
        Path file = mess.resolve(id.value());
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new NoSuchMessageException(id, file.toString());
        }
        try (channel) {
            return QueueFileReader.read(id, file, channel);
        }
    }

    /** Stops intake. Commits still in flight fail (their messages may survive: a duplicate, never a loss). */
    @Override
    public void close() {
        closed = true;
        try {
            messDir.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the queue directory", e);
        }
    }

    /** How many directory fsyncs commits have shared so far; for tests and benchmarks. */
    long directorySyncs() {
        return group.syncs();
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the queue is closed");
        }
    }

    /** Creates {@code dir} (mode 0700) and missing parents; true if it did not exist before. */
    private static boolean createDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return false;
        }
        Path parent = dir.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir, permissions("rwx------", dir));
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        if (parent != null) {
            fsyncDirectory(parent);
        }
        return true;
    }

    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    static FileAttribute<?>[] permissions(String mode, Path where) {
        if (!where.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        Set<PosixFilePermission> perms = PosixFilePermissions.fromString(mode);
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(perms)};
    }
}
