package org.godshell.toaster.net;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A socket's input with a deadline for a whole command or message, not only for each read: a client that
 * sends one byte a second (slowloris) would never trip a per-read timeout. Each read gets the time left.
 */
public final class DeadlineInputStream extends FilterInputStream {

    private final Socket socket;
    private long deadlineNanos = Long.MAX_VALUE;

    public DeadlineInputStream(Socket socket, InputStream in) {
        super(in);
        this.socket = socket;
    }

    /** From now, the next unit of input must arrive within {@code millis}. */
    public void startDeadline(long millis) {
        deadlineNanos = System.nanoTime() + millis * 1_000_000L;
    }

    @Override
    public int read() throws IOException {
        arm();
        return super.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        arm();
        return super.read(buffer, offset, length);
    }

    private void arm() throws IOException {
        long left = (deadlineNanos - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
    }
}
