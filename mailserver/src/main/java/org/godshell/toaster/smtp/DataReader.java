package org.godshell.toaster.smtp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads a DATA body after the 354 reply: up to the terminator CRLF "." CRLF, dot-unstuffed (RFC 5321 §4.5.2),
 * streamed to an output without ever holding the message in memory. Bare CR or LF, over-long lines, NUL and the
 * size limit are detected on the way (see {@link DataResult.Outcome}); whatever is found, the body is consumed
 * up to the real terminator so the session can reply in step. The end of the stream before the terminator is an
 * {@link EOFException}.
 *
 * <p>Neither variant reads past the terminator: bytes the client pipelined after it (RFC 2920 §3.1) stay for
 * the next command.
 */
public final class DataReader {

    private static final int CHUNK = 16 * 1024;

    private DataReader() {
    }

    /**
     * The session's variant: reads from the reader's own buffer, so bytes already buffered after the DATA command
     * belong to the body, and bytes after the terminator remain in the reader for the next command.
     *
     * @param maxBytes the size limit of the unstuffed message, 0 for none
     */
    public static DataResult read(CommandReader reader, OutputStream out, long maxBytes) throws IOException {
        DotDecoder decoder = new DotDecoder(out, maxBytes);
        while (true) {
            if (!reader.fill()) {
                throw new EOFException("end of stream inside DATA");
            }
            reader.position(decoder.feed(reader.buffer(), reader.position(), reader.limit()));
            if (decoder.done()) {
                return decoder.result();
            }
        }
    }

    /**
     * The general variant. With a stream that supports mark/reset (e.g. {@link java.io.BufferedInputStream}) it
     * reads in chunks and steps back to just after the terminator; with any other stream it must read byte by
     * byte, which is correct but slow.
     *
     * @param maxBytes the size limit of the unstuffed message, 0 for none
     */
    public static DataResult read(InputStream in, OutputStream out, long maxBytes) throws IOException {
        DotDecoder decoder = new DotDecoder(out, maxBytes);
        boolean rewind = in.markSupported();
        byte[] chunk = new byte[rewind ? CHUNK : 1];
        while (true) {
            if (rewind) {
                in.mark(CHUNK);
            }
            int n = in.read(chunk, 0, chunk.length);
            if (n < 0) {
                throw new EOFException("end of stream inside DATA");
            }
            int used = decoder.feed(chunk, 0, n);
            if (decoder.done()) {
                if (used < n) {
                    in.reset();
                    in.skipNBytes(used);
                }
                return decoder.result();
            }
        }
    }
}
