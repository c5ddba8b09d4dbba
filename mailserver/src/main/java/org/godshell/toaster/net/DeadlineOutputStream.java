package org.godshell.toaster.net;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A socket's output where each write must end within a deadline, as qmail's timeoutwrite: a client that
 * pipelines commands and never reads the replies fills the socket buffers, and the write that waits for room
 * would wait forever. Java sockets have no write timeout, so a watchdog closes the connection when one write
 * has been blocked longer than the deadline; that write then fails and the session ends.
 *
 * <p>The watchdog closes the TCP socket given here, not the stream's own (TLS) socket: closing TLS would try
 * to send close_notify into the same full buffer.
 */
public final class DeadlineOutputStream extends FilterOutputStream {

    /** One thread for every connection: its tasks only close sockets, and most are cancelled unrun. */
    private static final ScheduledThreadPoolExecutor WATCHDOG = new ScheduledThreadPoolExecutor(1,
            task -> Thread.ofPlatform().daemon().name("write-watchdog").unstarted(task));

    static {
        WATCHDOG.setRemoveOnCancelPolicy(true);
    }

    private final Socket socket;
    private final long millis;
    private volatile boolean cut;

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
        ScheduledFuture<?> alarm = WATCHDOG.schedule(this::cut, millis, TimeUnit.MILLISECONDS);
        try {
            out.write(bytes, offset, length);
        } catch (IOException e) {
            throw cut ? new IOException("write timed out after " + millis + " ms: the client does not read", e) : e;
        } finally {
            alarm.cancel(false);
        }
    }

    private void cut() {
        cut = true;
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed: the write has failed or will.
        }
    }
}
