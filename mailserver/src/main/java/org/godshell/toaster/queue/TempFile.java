package org.godshell.toaster.queue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.Objects;

/**
 * The writing end of a queue file in {@code tmp/}: appends through a 64 KiB buffer (big writes go straight
 * through), patches bytes already appended without moving the others, and reads back what it holds. Used by
 * one {@link Intake}, from one thread.
 */
final class TempFile {

    /**
     * The buffer starts small and doubles up to {@link #BUFFER_SIZE}: most messages are a few kilobytes, and a
     * slow client's message waits in the buffer for as long as the client takes (bench/idle.sh holds thousands).
     */
    private static final int FIRST_BUFFER_SIZE = 8 * 1024;
    private static final int BUFFER_SIZE = 64 * 1024;

    private final FileChannel channel;
    private final String name;
    private ByteBuffer buffer;
    /** File offset of the buffer's first byte: everything before it has been written to the channel. */
    private long flushed;
    private boolean writeFailed;

    /** {@code name} is what errors call the file. */
    TempFile(FileChannel channel, String name, byte[] head) {
        this.channel = channel;
        this.name = name;
        this.buffer = ByteBuffer.allocate(Math.max(FIRST_BUFFER_SIZE, head.length));
        buffer.put(head);
    }

    /** True once a write has failed: the file is incomplete and must not be committed. */
    boolean failed() {
        return writeFailed;
    }

    /** How many bytes the file holds, buffered ones included. */
    long size() {
        return flushed + buffer.position();
    }

    void append(int b) throws IOException {
        if (!buffer.hasRemaining() && !grown(1)) {
            drain();
        }
        buffer.put((byte) b);
    }

    void append(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len > buffer.remaining() && !grown(len)) {
            drain();
            if (len >= buffer.capacity()) {
                // Large writes skip the copy; the order of bytes is kept because the buffer is empty.
                writeFully(ByteBuffer.wrap(b, off, len), -1);
                flushed += len;
                return;
            }
        }
        buffer.put(b, off, len);
    }

    /**
     * Replaces the buffer by a bigger one with the same bytes, at least twice as big, when {@code more} bytes
     * then fit within {@link #BUFFER_SIZE}; false when they would not (the caller drains instead).
     */
    private boolean grown(int more) {
        int needed = buffer.position() + more;
        if (needed > BUFFER_SIZE || needed < 0) {
            return false;
        }
        ByteBuffer bigger = ByteBuffer.allocate(Math.min(BUFFER_SIZE, Math.max(needed, buffer.capacity() * 2)));
        buffer.flip();
        bigger.put(buffer);
        buffer = bigger;
        return true;
    }

    /**
     * Overwrites bytes already appended at file offset {@code at}: in the buffer while they are still there (no
     * system call), else with a positional write that moves nothing else.
     */
    void patch(long at, byte[] bytes) throws IOException {
        if (at < 0 || at + bytes.length > size()) {
            throw new IllegalArgumentException("patch outside the file: " + at + "+" + bytes.length);
        }
        if (at < flushed && at + bytes.length > flushed) {
            drain();
        }
        if (at >= flushed) {
            buffer.put((int) (at - flushed), bytes);
        } else {
            writeFully(ByteBuffer.wrap(bytes), at);
        }
    }

    /** Writes the buffer out. */
    void drain() throws IOException {
        buffer.flip();
        try {
            writeFully(buffer, -1);
        } finally {
            flushed += buffer.limit();
            buffer.clear();
        }
    }

    /**
     * Bytes {@code from} to {@code to} of the file as a stream; valid until the file is closed. Closing the stream
     * leaves the file open. When they are all still in the buffer (a message under 64 KiB, read back by the
     * checks before the commit) the stream reads a copy of them and nothing is written yet: the buffer then
     * goes out once, at the commit, with the size field patched in it, where reading the file back cost a
     * write, a positional read and a positional write for the patch (queue.md, "Cost per message"). Otherwise
     * the buffer is written out first and the stream reads the file.
     */
    InputStream readBack(long from, long to) throws IOException {
        if (from >= flushed && from <= to && to <= size()) {
            byte[] bytes = new byte[Math.toIntExact(to - from)];
            buffer.get(Math.toIntExact(from - flushed), bytes);
            return new ByteArrayInputStream(bytes);
        }
        drain();
        return new MessageStream(channel, false, new byte[0], List.of(new MessageStream.Segment(from, to)), name);
    }

    void force() throws IOException {
        channel.force(true);
    }

    void close() throws IOException {
        channel.close();
    }

    /** Writes all of {@code bytes} at the channel's position, or at {@code at} if it is not negative. */
    private void writeFully(ByteBuffer bytes, long at) throws IOException {
        try {
            long position = at;
            while (bytes.hasRemaining()) {
                if (at < 0) {
                    channel.write(bytes);
                } else {
                    position += channel.write(bytes, position);
                }
            }
        } catch (IOException e) {
            writeFailed = true;
            throw e;
        }
    }
}
