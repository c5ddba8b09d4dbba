package org.godshell.toaster.filter.clamav;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A clamd that speaks INSTREAM with a scripted behaviour, on a unix socket or loopback TCP, for the answers the
 * real one never gives: garbage, endless replies, silence, a connection closed in the middle.
 */
public final class FakeClamd implements AutoCloseable {

    /** What the fake does with one connection. */
    @FunctionalInterface
    public interface Behaviour {
        void serve(SocketChannel client, FakeClamd fake) throws IOException;
    }

    /** What one connection sent: the command and the data of each chunk. */
    public record Stream(String command, List<Integer> chunks, byte[] data) {
    }

    private final ServerSocketChannel server;
    private final Path socket;
    private final Behaviour behaviour;
    private final List<Stream> streams = new CopyOnWriteArrayList<>();
    private final List<SocketChannel> clients = new CopyOnWriteArrayList<>();

    private FakeClamd(ServerSocketChannel server, Path socket, Behaviour behaviour) {
        this.server = server;
        this.socket = socket;
        this.behaviour = behaviour;
        Thread.ofVirtual().start(this::accept);
    }

    /** On a unix socket {@code clamd.sock} in {@code dir}. */
    public static FakeClamd unix(Path dir, Behaviour behaviour) throws IOException {
        Path socket = dir.resolve("clamd.sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return new FakeClamd(server, socket, behaviour);
    }

    /** On a free loopback TCP port. */
    public static FakeClamd tcp(Behaviour behaviour) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new FakeClamd(server, null, behaviour);
    }

    /** Reads the whole stream, then says {@code reply} and its NUL. */
    public static Behaviour answering(String reply) {
        return (client, fake) -> {
            fake.readStream(client);
            say(client, reply + "\0");
        };
    }

    public SocketAddress address() throws IOException {
        return socket != null ? UnixDomainSocketAddress.of(socket) : server.getLocalAddress();
    }

    /** The streams received so far, one per connection. */
    public List<Stream> streams() {
        return List.copyOf(streams);
    }

    /** Reads {@code zINSTREAM\0} and the chunks up to the zero length, and records them. */
    public Stream readStream(SocketChannel client) throws IOException {
        ByteBuffer command = readFully(client, 10);
        List<Integer> chunks = new ArrayList<>();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        while (true) {
            int length = readFully(client, 4).getInt();
            if (length == 0) {
                break;
            }
            chunks.add(length);
            data.write(readFully(client, length).array());
        }
        Stream stream = new Stream(new String(command.array(), StandardCharsets.US_ASCII), List.copyOf(chunks),
                data.toByteArray());
        streams.add(stream);
        return stream;
    }

    public static ByteBuffer readFully(SocketChannel client, int n) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(n);
        while (buffer.hasRemaining()) {
            if (client.read(buffer) < 0) {
                throw new IOException("the client closed after " + buffer.position() + " of " + n + " bytes");
            }
        }
        return buffer.flip();
    }

    public static void say(SocketChannel client, String text) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
        while (out.hasRemaining()) {
            client.write(out);
        }
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                clients.add(client);
                Thread.ofVirtual().start(() -> {
                    try (client) {
                        behaviour.serve(client, this);
                    } catch (IOException e) {
                        // The client went away, as a scan that gave up does.
                    }
                });
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (SocketChannel client : clients) {
            client.close();
        }
        if (socket != null) {
            Files.deleteIfExists(socket);
        }
    }
}
