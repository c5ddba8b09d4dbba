package org.godshell.toaster.queue;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One message being received: its bytes stream to a temp file in {@code tmp/} through a 64 KiB buffer, never
 * held whole in memory. {@link #commit()} makes it durable and visible; {@link #close()} without a commit
 * aborts it and removes the temp file. Use it from one thread, in try-with-resources:
 *
 * <pre>{@code
 * try (Intake intake = queue.begin(envelope)) {
 *     data.transferTo(intake.body());
 *     HeaderEdits edits = check(intake.received());     // read the whole message back, e.g. to verify DKIM
 *     QueueId id = intake.commit(edits);                // only now say 250
 * }
 * }</pre>
 *
 * Any {@link IOException} from the body stream, {@code received} or {@code commit} means the message is not
 * queued: answer 452 4.3.1 and close the intake.
 */
public final class Intake implements Closeable {

    private enum State { OPEN, COMMITTED, ABORTED }

    private final Queue queue;
    private final QueueId id;
    private final Path temp;
    private final TempFile file;
    private final long bodyOffset;
    private final OutputStream body = new Body();
    private State state = State.OPEN;
    private QueueId committed;

    Intake(Queue queue, QueueId id, Path temp, TempFile file, long bodyOffset) {
        this.queue = queue;
        this.id = id;
        this.temp = temp;
        this.file = file;
        this.bodyOffset = bodyOffset;
    }

    /**
     * Where the message bytes go, stored verbatim. Closing this stream neither commits nor aborts; after a
     * write has failed, the intake can only be closed.
     */
    public OutputStream body() {
        return body;
    }

    /**
     * The bytes written to {@link #body()} so far, exactly: a copy of the write buffer while they all fit in it
     * (under 64 KiB), else read back from the temp file (the buffer is written out first), so a checker can
     * hash or parse the whole message without holding a big one in memory. The stream is valid until the
     * intake is committed or closed; the caller closes it.
     */
    public InputStream received() throws IOException {
        ensureWritable();
        return file.readBack(bodyOffset, file.size());
    }

    /**
     * A read-only copy (mode 0400) of the bytes written to {@link #body()} so far, for programs that must read
     * the message as a file of their own: {@code tmp/<pid>.<id>.copy}, beside the temp file, so that a copy a
     * crash leaves behind is stale by the same rule as the temp file and deleted when the queue next opens
     * ({@code queue.md}). Not fsynced: it is never a copy anyone relies on after a crash. The caller closes it,
     * which deletes it; the intake does not.
     *
     * @throws IOException when it cannot be written in full (nothing is left behind then)
     */
    public MessageCopy copy() throws IOException {
        ensureWritable();
        Path copy = temp.resolveSibling(temp.getFileName() + ".copy");
        long size;
        try (InputStream in = received();
                FileChannel out = FileChannel.open(copy, Queue.CREATE_COPY, Queue.permissions("r--------", copy))) {
            size = in.transferTo(Channels.newOutputStream(out));
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(copy);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return new MessageCopy(copy, size);
    }

    /** How many bytes were written to {@link #body()} so far: what {@link #received()} yields. */
    public long receivedSize() throws IOException {
        ensureWritable();
        return file.size() - bodyOffset;
    }

    /** Commits the message as received: {@code commit(HeaderEdits.NONE)}. */
    public QueueId commit() throws IOException {
        return commit(HeaderEdits.NONE);
    }

    /**
     * Makes the message durable with {@code edits}: stores them after the message bytes, records the size of
     * the message as received in the envelope, flushes and fsyncs the temp file, links it into the queue, and
     * returns only after the queue directory has been fsynced. Readers of the committed message see the added
     * fields first, then the message as received without the dropped fields. On an I/O failure the temp file
     * is removed and the exception is rethrown; the message is not queued. Calling it again after success
     * returns the same id (and ignores {@code edits}).
     *
     * @throws IllegalArgumentException if a position to drop is not that of a field in the received header
     *                                  block (as {@link HeaderBlock} numbers them); nothing of the edits has
     *                                  been written then, and the intake stays open
     */
    public QueueId commit(HeaderEdits edits) throws IOException {
        return commit(edits, Folder.INBOX);
    }

    /**
     * Commits as {@link #commit(HeaderEdits)} does, and stores where local delivery puts the message.
     *
     * @throws IllegalArgumentException as {@link #commit(HeaderEdits)}
     */
    public QueueId commit(HeaderEdits edits, Folder folder) throws IOException {
        Objects.requireNonNull(edits, "edits");
        Objects.requireNonNull(folder, "folder");
        if (state == State.COMMITTED) {
            return committed;
        }
        ensureWritable();
        long receivedSize = file.size() - bodyOffset;
        List<MessageLayout.Range> dropped;
        try {
            dropped = locate(edits.dropped());
        } catch (IOException e) {
            abort(e);
            throw e;
        }
        try {
            byte[] trailer = EditsCodec.encode(edits.added(), dropped, folder);
            file.append(trailer, 0, trailer.length);
            file.patch(bodyOffset - EnvelopeCodec.SIZE_FIELD_FROM_END, EnvelopeCodec.sizeField(receivedSize));
            file.drain();
            file.force();
            file.close();
            committed = queue.publish(temp, id);
            state = State.COMMITTED;
            return committed;
        } catch (IOException | RuntimeException e) {
            abort(e);
            throw e;
        }
    }

    /** The byte ranges of the received header fields at {@code positions}; reads the header block back if any. */
    private List<MessageLayout.Range> locate(List<Integer> positions) throws IOException {
        if (positions.isEmpty()) {
            return List.of();
        }
        HeaderBlock block;
        try (InputStream in = received()) {
            block = HeaderBlock.read(in);
        }
        List<HeaderBlock.Field> fields = block.fields();
        if (positions.getLast() >= fields.size()) {
            throw new IllegalArgumentException("no header field at position " + positions.getLast() + ": the "
                    + "received header block has " + fields.size() + (block.complete() ? "" : " within its cap"));
        }
        List<MessageLayout.Range> ranges = new ArrayList<>(positions.size());
        for (int position : positions) {
            HeaderBlock.Field field = fields.get(position);
            ranges.add(new MessageLayout.Range(field.start(), field.end()));
        }
        return ranges;
    }

    /** Aborts the intake unless it was committed: closes and deletes the temp file. Idempotent. */
    @Override
    public void close() {
        if (state != State.OPEN) {
            return;
        }
        IOException failure = new IOException("aborting intake " + id);
        abort(failure);
        if (failure.getSuppressed().length > 0) {
            throw new UncheckedIOException(failure);
        }
    }

    /** Marks the intake aborted and removes its temp file; problems are recorded on {@code cause}. */
    private void abort(Exception cause) {
        state = State.ABORTED;
        try {
            file.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    private void ensureWritable() throws IOException {
        if (state != State.OPEN) {
            throw new IOException("intake " + id + " is " + state.name().toLowerCase(Locale.ROOT));
        }
        if (file.failed()) {
            throw new IOException("intake " + id + ": an earlier write failed, the message is incomplete");
        }
    }

    private final class Body extends OutputStream {

        @Override
        public void write(int b) throws IOException {
            ensureWritable();
            file.append(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ensureWritable();
            file.append(b, off, len);
        }
    }
}
