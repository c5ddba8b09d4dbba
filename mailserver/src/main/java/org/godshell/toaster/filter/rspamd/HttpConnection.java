package org.godshell.toaster.filter.rspamd;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;

/**
 * One HTTP/1.1 connection to rspamd, TCP or unix socket: a request out (its head, then the message streamed
 * from its file by the kernel, never held in the heap), a response in. Blocking, for a virtual thread; a
 * {@link org.godshell.toaster.net.Deadline} closes it under a blocked call. One exchange at a time: the client
 * hands a connection to one caller only.
 */
final class HttpConnection implements Closeable {

    private final SocketAddress server;
    private final SocketChannel channel;
    private ResponseReader reader;

    HttpConnection(SocketAddress server) throws IOException {
        this.server = server;
        this.channel = server instanceof UnixDomainSocketAddress ? SocketChannel.open(StandardProtocolFamily.UNIX)
                : SocketChannel.open();
    }

    SocketAddress server() {
        return server;
    }

    void connect() throws IOException {
        channel.connect(server);
    }

    /**
     * Sends the head and {@code length} bytes of {@code body} from its start, and reads the response. The body
     * goes by {@link FileChannel#transferTo} (sendfile on Linux), so a 50 MB message costs no 50 MB of heap.
     */
    HttpResponse exchange(byte[] head, FileChannel body, long length, int maxAnswer)
            throws IOException, RspamdFailure {
        reader = new ResponseReader(channel);
        ByteBuffer out = ByteBuffer.wrap(head);
        while (out.hasRemaining()) {
            channel.write(out);
        }
        long sent = 0;
        while (sent < length) {
            long n = body.transferTo(sent, length - sent, channel);
            if (n == 0 && body.size() < length) {
                throw new RspamdFailure("the message file shrank while it was sent");
            }
            sent += n;
        }
        return reader.read(maxAnswer);
    }

    /** Whether a byte of the last response came (then a failure is the server's, not a stale connection's). */
    boolean answered() {
        return reader != null && reader.started();
    }

    /** Whether the last response was read to its end and nothing followed it. */
    boolean clean() {
        return reader != null && !reader.leftover();
    }

    /**
     * Whether a kept connection is still open and quiet: a server that closed it while it idled has sent its
     * end already, which a read that does not wait shows (RFC 9112 §9.3.1 lets it close at any time).
     */
    boolean usable() {
        try {
            channel.configureBlocking(false);
            int n = channel.read(ByteBuffer.allocate(1));
            channel.configureBlocking(true);
            return n == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing is all that was wanted; a connection that fails to close is gone all the same.
        }
    }
}
