package org.godshell.toaster.filter.rspamd;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.godshell.toaster.net.Deadline;

/**
 * Asks rspamd's normal worker about a message: {@code POST /checkv2} with the envelope in headers and the message
 * as the body (rspamd.com/doc/developers/protocol.html), and reads its JSON verdict.
 *
 * <p>Connections are kept between messages when the server allows it (HTTP/1.1 keep-alive, RFC 9112 §9.3), up to
 * {@link #MAX_IDLE}; Debian's rspamd 3.x answers {@code Connection: close} on its normal worker, so there each
 * check has a connection of its own. A kept connection the server closed while it idled is found before use, and
 * a request that fails on a kept connection before any byte of an answer came is sent again on a fresh one
 * (§9.3.1): the check changes nothing on the server, so asking twice is safe.
 *
 * <p>Each check, connect and retry included, ends within its timeout: past it the connection is closed under the
 * blocked call ({@link Deadline}). Thread-safe; blocking, for virtual threads.
 */
public final class RspamdClient implements AutoCloseable {

    /** rspamd's answer lists the symbols that matched: kilobytes. A megabyte is broken or hostile. */
    static final int MAX_ANSWER = 1 << 20;
    /** Idle connections kept, for as many checks at once as a busy server runs. */
    static final int MAX_IDLE = 8;

    private final ConcurrentLinkedDeque<HttpConnection> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    /**
     * The verdict on {@code request}'s message from the rspamd at {@code server} (an {@link InetSocketAddress}
     * or a {@link UnixDomainSocketAddress}), within {@code timeout}.
     *
     * @throws RspamdFailure when no usable verdict came in time; the message says why, naming the server
     */
    public RspamdVerdict check(SocketAddress server, RspamdRequest request, Duration timeout) throws RspamdFailure {
        FileChannel body;
        try {
            body = FileChannel.open(request.message(), StandardOpenOption.READ);
        } catch (IOException e) {
            throw new RspamdFailure("cannot read the message file " + request.message() + ": " + reason(e));
        }
        try (body) {
            return ask(server, request, body, timeout);
        } catch (IOException e) {
            throw new RspamdFailure("cannot close the message file " + request.message() + ": " + reason(e));
        }
    }

    private RspamdVerdict ask(SocketAddress server, RspamdRequest request, FileChannel body, Duration timeout)
            throws RspamdFailure {
        String where = "rspamd at " + describe(server);
        Deadline deadline = Deadline.start(timeout);
        try {
            long length = body.size();
            HttpResponse response = exchange(server, request.head(host(server), length), body, length, deadline);
            if (response.status() != 200) {
                throw new RspamdFailure("answered " + response.status() + " " + response.reason());
            }
            return RspamdVerdict.of(Json.parse(utf8(response.body())));
        } catch (Json.Malformed e) {
            throw new RspamdFailure(where + " answered what is not JSON: " + e.getMessage());
        } catch (IOException | RspamdFailure e) {
            if (deadline.passed()) {
                throw new RspamdFailure(where + " gave no answer within " + timeout.toSeconds() + " s");
            }
            throw new RspamdFailure(where + ": " + (e instanceof IOException io ? reason(io) : e.getMessage()));
        } finally {
            deadline.close();
        }
    }

    private HttpResponse exchange(SocketAddress server, byte[] head, FileChannel body, long length,
            Deadline deadline) throws IOException, RspamdFailure {
        HttpConnection kept = takeIdle(server);
        if (kept != null) {
            try {
                return exchangeOn(kept, head, body, length, deadline);
            } catch (IOException | RspamdFailure e) {
                if (kept.answered() || deadline.passed()) {
                    throw e;
                }
                // Closed by the server between messages: the request again, on a fresh connection.
            }
        }
        HttpConnection fresh = new HttpConnection(server);
        deadline.watch(fresh);
        try {
            fresh.connect();
        } catch (IOException e) {
            fresh.close();
            throw e;
        }
        return exchangeOn(fresh, head, body, length, deadline);
    }

    private HttpResponse exchangeOn(HttpConnection connection, byte[] head, FileChannel body, long length,
            Deadline deadline) throws IOException, RspamdFailure {
        deadline.watch(connection);
        HttpResponse response;
        try {
            response = connection.exchange(head, body, length, MAX_ANSWER);
        } catch (IOException | RspamdFailure e) {
            connection.close();
            throw e;
        }
        if (response.keepAlive() && connection.clean() && !deadline.passed()) {
            release(connection);
        } else {
            connection.close();
        }
        return response;
    }

    /** A kept connection to {@code server} that is still open, or null; kept ones to another server are closed. */
    private HttpConnection takeIdle(SocketAddress server) {
        for (HttpConnection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
            if (c.server().equals(server) && c.usable()) {
                return c;
            }
            c.close();
        }
        return null;
    }

    private void release(HttpConnection connection) {
        if (closed || idle.size() >= MAX_IDLE) {
            connection.close();
            return;
        }
        idle.addFirst(connection);
        if (closed && idle.remove(connection)) {
            connection.close();
        }
    }

    /** Closes the kept connections; a check running now closes its own when it ends. */
    @Override
    public void close() {
        closed = true;
        for (HttpConnection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
            c.close();
        }
    }

    /** The Host field HTTP/1.1 requires (RFC 9112 §3.2); rspamd does not read it. */
    private static String host(SocketAddress server) {
        return server instanceof InetSocketAddress ? describe(server) : "localhost";
    }

    static String describe(SocketAddress server) {
        return switch (server) {
            case InetSocketAddress inet -> (inet.getAddress() instanceof Inet6Address ? "["
                    + inet.getAddress().getHostAddress() + "]" : inet.getAddress().getHostAddress()) + ":"
                    + inet.getPort();
            case UnixDomainSocketAddress unix -> unix.getPath().toString();
            default -> server.toString();
        };
    }

    private static String reason(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? ""
                : ": " + RspamdVerdict.printable(e.getMessage(), 200));
    }

    private static String utf8(byte[] body) throws RspamdFailure {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new RspamdFailure("the answer is not UTF-8");
        }
    }
}
