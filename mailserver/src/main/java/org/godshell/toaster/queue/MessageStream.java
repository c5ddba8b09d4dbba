package org.godshell.toaster.queue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.Objects;

/**
 * A message read from its queue file without copying it: some bytes from memory (the added header fields), then
 * ranges of the file, read with positional reads in the caller's block size. Not buffered; not thread-safe.
 */
final class MessageStream extends InputStream {

    /**
     * File bytes {@code start} (included) to {@code end} (excluded).
     *
     * @param start file offset of the first byte
     * @param end   file offset just after the last byte
     */
    record Segment(long start, long end) {
    }

    private final FileChannel channel;
    private final boolean ownsChannel;
    private final byte[] prefix;
    private final List<Segment> segments;
    private final String file;
    private int prefixRead;
    private int segment;
    private long position;

    /**
     * @param ownsChannel whether closing the stream closes {@code channel}
     * @param file        what to name in errors
     */
    MessageStream(FileChannel channel, boolean ownsChannel, byte[] prefix, List<Segment> segments, String file) {
        this.channel = channel;
        this.ownsChannel = ownsChannel;
        this.prefix = prefix;
        this.segments = List.copyOf(segments);
        this.file = file;
        this.position = segments.isEmpty() ? 0 : segments.getFirst().start();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (prefixRead < prefix.length) {
            int n = Math.min(len, prefix.length - prefixRead);
            System.arraycopy(prefix, prefixRead, b, off, n);
            prefixRead += n;
            return n;
        }
        while (segment < segments.size() && position == segments.get(segment).end()) {
            segment++;
            if (segment < segments.size()) {
                position = segments.get(segment).start();
            }
        }
        if (segment == segments.size()) {
            return -1;
        }
        int n = (int) Math.min(len, segments.get(segment).end() - position);
        int read = channel.read(ByteBuffer.wrap(b, off, n), position);
        if (read < 0) {
            // A committed file never shrinks: ending early means it was damaged behind the queue's back.
            throw new IOException("corrupt queue file " + file + ": it ends before the message does");
        }
        position += read;
        return read;
    }

    @Override
    public void close() throws IOException {
        if (ownsChannel) {
            channel.close();
        }
    }
}
