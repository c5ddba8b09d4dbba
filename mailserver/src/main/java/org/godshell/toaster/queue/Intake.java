package org.godshell.toaster.queue;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
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
 *     QueueId id = intake.commit();   // only now say 250
 * }
 * }</pre>
 *
 * Any {@link IOException} from the body stream or from {@code commit} means the message is not queued: answer
 * 452 4.3.1 and close the intake.
 */
public final class Intake implements Closeable {

    private static final int BUFFER_SIZE = 64 * 1024;

    private enum State { OPEN, COMMITTED, ABORTED }

    private final Queue queue;
    private final QueueId id;
    private final Path temp;
    private final FileChannel channel;
    private final ByteBuffer buffer;
    private final OutputStream body = new Body();
    private State state = State.OPEN;
    private boolean writeFailed;
    private QueueId committed;

    Intake(Queue queue, QueueId id, Path temp, FileChannel channel, byte[] head) {
        this.queue = queue;
        this.id = id;
        this.temp = temp;
        this.channel = channel;
        this.buffer = ByteBuffer.allocate(Math.max(BUFFER_SIZE, head.length));
        buffer.put(head);
    }

    /**
     * Where the message bytes go, stored verbatim. Closing this stream neither commits nor aborts; after a
     * write has failed, the intake can only be closed.
     */
    public OutputStream body() {
        return body;
    }

    /**
     * Makes the message durable: flushes and fsyncs the temp file, links it into the queue, and returns only
     * after the queue directory has been fsynced. On failure the temp file is removed and the exception is
     * rethrown; the message is not queued. Calling it again after success returns the same id.
     */
    public QueueId commit() throws IOException {
        if (state == State.COMMITTED) {
            return committed;
        }
        ensureWritable();
        try {
            drain();
            channel.force(true);
            channel.close();
            committed = queue.publish(temp, id);
            state = State.COMMITTED;
            return committed;
        } catch (IOException | RuntimeException e) {
            abort(e);
            throw e;
        }
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
            channel.close();
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
        if (writeFailed) {
            throw new IOException("intake " + id + ": an earlier write failed, the message is incomplete");
        }
    }

    private void drain() throws IOException {
        buffer.flip();
        try {
            writeFully(buffer);
        } finally {
            buffer.clear();
        }
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            writeFailed = true;
            throw e;
        }
    }

    private final class Body extends OutputStream {

        @Override
        public void write(int b) throws IOException {
            ensureWritable();
            if (!buffer.hasRemaining()) {
                drain();
            }
            buffer.put((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            ensureWritable();
            if (len > buffer.remaining()) {
                drain();
                if (len >= buffer.capacity()) {
                    // Large writes skip the copy; the order of bytes is kept because the buffer is empty.
                    writeFully(ByteBuffer.wrap(b, off, len));
                    return;
                }
            }
            buffer.put(b, off, len);
        }
    }
}
