package org.godshell.toaster.filter.rspamd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for rspamd's normal worker on loopback or a unix socket, for answers the real one never gives
 * (garbage, a flood, silence, a 500, a kept connection dropped): each accepted connection is handed to a
 * {@link Handler}, which reads requests with {@link #request} and writes what the test wants.
 */
public final class FakeRspamd implements AutoCloseable {

    /** Serves one connection. */
    @FunctionalInterface
    public interface Handler {
        void serve(Conversation connection) throws Exception;
    }

    /** One accepted connection; {@code number} counts connections from 1. */
    public final class Conversation {
        public final int number;
        public final OutputStream out;
        private final InputStream in;

        private Conversation(int number, InputStream in, OutputStream out) {
            this.number = number;
            this.in = in;
            this.out = out;
        }

        /** Reads one request, or returns null when the client closed the connection before sending one. */
        public Request request() throws IOException {
            return read(in);
        }

        /** A 200 answer with this JSON, keeping the connection or not. */
        public void answer(String json, boolean keepAlive) throws IOException {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            raw("HTTP/1.1 200 OK\r\n" + (keepAlive ? "" : "Connection: close\r\n") + "Server: rspamd/fake\r\n"
                    + "Content-Length: " + body.length + "\r\nContent-Type: application/json\r\n\r\n");
            out.write(body);
            out.flush();
        }

        public void raw(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    /** What a client sent: the head as text and the body's length (and its bytes, when small). */
    public record Request(String head, long bodyLength, byte[] body) {}

    public static final String NO_ACTION = "{\"is_skipped\":false,\"score\":0.5,\"required_score\":15.0,"
            + "\"action\":\"no action\",\"symbols\":{\"MIME_GOOD\":{\"name\":\"MIME_GOOD\",\"score\":-0.1}},"
            + "\"messages\":{}}";

    private final ServerSocketChannel server;
    private final Handler handler;
    private final AtomicInteger connections = new AtomicInteger();
    public final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<SocketChannel> accepted = new CopyOnWriteArrayList<>();

    private FakeRspamd(ServerSocketChannel server, Handler handler) {
        this.server = server;
        this.handler = handler;
        Thread.ofPlatform().daemon().start(this::acceptAll);
    }

    public static FakeRspamd onLoopback(Handler handler) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new FakeRspamd(server, handler);
    }

    public static FakeRspamd onSocket(Path path, Handler handler) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        return new FakeRspamd(server, handler);
    }

    public SocketAddress address() throws IOException {
        return server.getLocalAddress();
    }

    public int connections() {
        return connections.get();
    }

    private void acceptAll() {
        try {
            while (true) {
                SocketChannel channel = server.accept();
                accepted.add(channel);
                int number = connections.incrementAndGet();
                Thread.ofPlatform().daemon().start(() -> {
                    try (channel) {
                        handler.serve(new Conversation(number, Channels.newInputStream(channel),
                                Channels.newOutputStream(channel)));
                    } catch (Exception e) {
                        // The client went away, or the test closed the server: the connection is over either way.
                    }
                });
            }
        } catch (IOException closed) {
            // close() closed the server socket: no more connections.
        }
    }

    private Request read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.UTF_8);
        long length = text.lines().filter(l -> l.startsWith("Content-Length: ")).mapToLong(l -> Long.parseLong(
                l.substring(16).strip())).findFirst().orElse(0);
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("the body ended " + left + " bytes early");
            }
            if (kept.size() < 1 << 20) {
                kept.write(buffer, 0, n);
            }
            left -= n;
        }
        Request request = new Request(text, length, kept.toByteArray());
        requests.add(request);
        return request;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (SocketChannel channel : accepted) {
            channel.close();
        }
    }
}
