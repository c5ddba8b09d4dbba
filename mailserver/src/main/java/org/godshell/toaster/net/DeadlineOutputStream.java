package org.godshell.toaster.net;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/**
 * A socket's output where each write must end within a deadline, as qmail's timeoutwrite: a client that
 * pipelines commands and never reads the replies fills the socket buffers, and the write that waits for room
 * would wait forever. Java sockets have no write timeout, so a watchdog closes the connection when one write
 * has been blocked longer than the deadline ({@link WriteWatch}, to within a quarter second); that write then
 * fails and the session ends.
 *
 * <p>The watchdog closes the TCP socket given here, not the stream's own (TLS) socket: closing TLS would try
 * to send close_notify into the same full buffer.
 */
public final class DeadlineOutputStream extends FilterOutputStream {

    /** A quarter of Long.MAX_VALUE: a deadline that far never wraps System.nanoTime() arithmetic around. */
    private static final long FOREVER_NANOS = Long.MAX_VALUE / 4;

    private final Socket socket;
    private final long millis;
    private final Watch watch = new Watch();
    private volatile boolean cut;
    private volatile long deadlineNanos;

    /** Writes to {@code out}, closing {@code socket} when a single write takes longer than {@code millis}. */
    public DeadlineOutputStream(Socket socket, OutputStream out, long millis) {
        super(out);
        this.socket = socket;
        this.millis = millis;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        deadlineNanos = System.nanoTime() + Math.min(TimeUnit.MILLISECONDS.toNanos(millis), FOREVER_NANOS);
        WriteWatch.started(watch);
        try {
            out.write(bytes, offset, length);
        } catch (IOException e) {
            throw cut ? new IOException("write timed out after " + millis + " ms: the client does not read", e) : e;
        } finally {
            WriteWatch.ended(watch);
        }
    }

    /** What the watchdog sees of this stream; private, so that nobody else can cut the connection. */
    private final class Watch implements WriteWatch.Watched {

        @Override
        public long deadlineNanos() {
            return deadlineNanos;
        }

        @Override
        public void cut() {
            cut = true;
            try {
                socket.close();
            } catch (IOException e) {
                // Already closed: the write has failed or will.
            }
        }
    }
}
