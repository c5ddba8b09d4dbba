package org.godshell.toaster.filter.clamav;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import org.godshell.toaster.net.Deadline;

/**
 * One scan: a fresh connection to clamd, {@code zINSTREAM}, the message file in chunks of a 4-byte big-endian
 * length and the data, a zero length, then clamd's reply up to its NUL (clamd(8), "INSTREAM"). Thread-safe: it
 * holds nothing between scans.
 *
 * <p>The whole scan, connect included, must end within its timeout: past it a watchdog closes the channel, which
 * wakes the call blocked in connect, write or read (unix sockets have no {@code SO_TIMEOUT}), as a plugin
 * process is killed. A connection per scan, no pool: clamd serves each connection in a thread of its own, and a
 * half-read reply can never reach the next message.
 */
public final class Clamd {

    /** The size of the chunks sent; clamd takes any, up to its StreamMaxLength. */
    static final int CHUNK = 64 * 1024;
    /** Far more than {@code stream: NAME FOUND}; a longer reply is broken or hostile. */
    public static final int MAX_REPLY = 1024;

    private static final byte[] COMMAND = "zINSTREAM\0".getBytes(StandardCharsets.US_ASCII);

    private Clamd() {
    }

    /**
     * Scans {@code message} with the clamd at {@code address} ({@link UnixDomainSocketAddress} or an
     * {@link InetSocketAddress} holding an IP address).
     *
     * @throws ClamdException when there is no verdict: the message cannot be read, clamd cannot be reached,
     *                        closes early, errs, says something else, or has not answered within {@code timeout}
     */
    public static ScanResult scan(SocketAddress address, Path message, Duration timeout) throws ClamdException {
        String where = "clamd at " + (address instanceof InetSocketAddress inet
                ? inet.getAddress().getHostAddress() + " port " + inet.getPort() : address.toString());
        try (InputStream in = Files.newInputStream(message, LinkOption.NOFOLLOW_LINKS)) {
            return scan(address, in, timeout, where);
        } catch (IOException e) {
            throw new ClamdException("cannot read the message " + message + ": " + e.getMessage());
        }
    }

    private static ScanResult scan(SocketAddress address, InputStream message, Duration timeout, String where)
            throws ClamdException {
        Deadline deadline = Deadline.start(timeout);
        try (deadline; SocketChannel channel = address instanceof UnixDomainSocketAddress
                ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open()) {
            deadline.watch(channel);
            channel.connect(address);
            return exchange(channel, message, where);
        } catch (IOException e) {
            if (deadline.passed()) {
                throw new ClamdException(where + " gave no verdict within " + timeout.toSeconds() + " s");
            }
            throw new ClamdException(where + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static ScanResult exchange(SocketChannel channel, InputStream message, String where)
            throws IOException, ClamdException {
        try {
            send(channel, message);
        } catch (ClosedChannelException closedHere) {
            throw closedHere;
        } catch (IOException e) {
            // Past StreamMaxLength clamd replies and closes while we still write (broken pipe, reset); the reply
            // is still there to read, and is the verdict.
            byte[] reply;
            try {
                reply = readReply(channel, where);
            } catch (ClosedChannelException closedHere) {
                throw closedHere;
            } catch (IOException | ClamdException none) {
                throw new ClamdException(where + " closed the connection while the message was sent ("
                        + e.getMessage() + ")");
            }
            return ClamdReply.parse(reply);
        }
        return ClamdReply.parse(readReply(channel, where));
    }

    private static void send(SocketChannel channel, InputStream message) throws IOException, ClamdException {
        write(channel, ByteBuffer.wrap(COMMAND));
        byte[] chunk = new byte[CHUNK];
        ByteBuffer length = ByteBuffer.allocate(4);
        while (true) {
            int n;
            try {
                n = message.readNBytes(chunk, 0, CHUNK);
            } catch (IOException e) {
                throw new ClamdException("cannot read the message: " + e.getMessage());
            }
            length.clear().putInt(n).flip();
            if (n == 0) {
                write(channel, length);
                return;
            }
            write(channel, length, ByteBuffer.wrap(chunk, 0, n));
        }
    }

    private static void write(SocketChannel channel, ByteBuffer... buffers) throws IOException {
        while (buffers[buffers.length - 1].hasRemaining()) {
            channel.write(buffers);
        }
    }

    /** The reply up to its NUL (or a newline, clamd's other terminator), at most {@link #MAX_REPLY} bytes. */
    private static byte[] readReply(SocketChannel channel, String where) throws IOException, ClamdException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(256);
        while (true) {
            buffer.clear();
            int n = channel.read(buffer);
            if (n < 0) {
                throw new ClamdException(where + " closed the connection " + (reply.size() == 0
                        ? "without a reply" : "in the middle of its reply"));
            }
            for (int i = 0; i < n; i++) {
                byte b = buffer.get(i);
                if (b == 0 || b == '\n') {
                    return reply.toByteArray();
                }
                if (reply.size() == MAX_REPLY) {
                    throw new ClamdException(where + " replied more than " + MAX_REPLY + " bytes without ending "
                            + "its reply");
                }
                reply.write(b);
            }
        }
    }
}
