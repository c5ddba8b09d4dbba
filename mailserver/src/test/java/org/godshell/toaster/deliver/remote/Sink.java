package org.godshell.toaster.deliver.remote;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.godshell.toaster.tls.SelfSigned;
import org.godshell.toaster.tls.ServerCertificate;
import org.godshell.toaster.tls.ServerTls;

/**
 * A scripted SMTP peer on loopback: each connection runs a {@link Behaviour} that reads commands and writes
 * raw reply bytes, so tests can send exactly the good, bad, slow or broken replies they need. Everything the
 * client sent is recorded.
 */
final class Sink implements AutoCloseable {

    interface Behaviour {
        void serve(Conn conn) throws Exception;
    }

    private static ServerTls tls;

    /** A server TLS context with a fresh self-signed certificate, made once per test run. */
    static synchronized ServerTls tls() throws Exception {
        if (tls == null) {
            Path file = Files.createTempFile("sink", ".pem");
            try {
                Files.writeString(file, SelfSigned.create("sink.test"));
                tls = ServerTls.of(ServerCertificate.read(file));
            } finally {
                Files.delete(file);
            }
        }
        return tls;
    }

    final List<String> commands = new CopyOnWriteArrayList<>();
    final List<byte[]> messages = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    private final ServerSocket server;
    private final Behaviour behaviour;
    /** The certificate STARTTLS presents; empty for the shared self-signed one. */
    private final Optional<ServerTls> serverTls;
    private final Thread acceptor;
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    Sink(Behaviour behaviour) throws IOException {
        this(InetAddress.getLoopbackAddress(), 0, behaviour);
    }

    Sink(InetAddress address, int port, Behaviour behaviour) throws IOException {
        this(address, port, behaviour, Optional.empty());
    }

    /** A sink whose STARTTLS presents {@code serverTls}'s certificate (made by a test CA). */
    Sink(InetAddress address, int port, Behaviour behaviour, Optional<ServerTls> serverTls)
            throws IOException {
        this.behaviour = behaviour;
        this.serverTls = serverTls;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(address, port));
        this.acceptor = Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                open.add(socket);
                Thread.ofVirtual().start(() -> {
                    try (socket) {
                        behaviour.serve(new Conn(socket));
                    } catch (Exception e) {
                        // The client went away or the script ended the connection: both are test outcomes.
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        acceptor.join();
    }

    /** One client connection, as the script sees it. */
    final class Conn {
        Socket socket;
        InputStream in;
        OutputStream out;

        Conn(Socket socket) throws IOException {
            use(socket);
        }

        private void use(Socket s) throws IOException {
            socket = s;
            in = new BufferedInputStream(s.getInputStream());
            out = s.getOutputStream();
        }

        /** The next command line without CRLF, recorded; null at end of input. */
        String command() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n') {
                    String text = line.toString(StandardCharsets.UTF_8);
                    text = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                    commands.add(text);
                    return text;
                }
                line.write(c);
            }
            return null;
        }

        /** Writes {@code raw} exactly as given (no CRLF added). */
        void raw(String raw) throws IOException {
            out.write(raw.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** Writes reply lines, each followed by CRLF. */
        void reply(String... lines) throws IOException {
            StringBuilder text = new StringBuilder();
            for (String line : lines) {
                text.append(line).append("\r\n");
            }
            raw(text.toString());
        }

        /** Reads DATA up to CRLF.CRLF, undoes dot-stuffing, records and returns the message. */
        byte[] data() throws IOException {
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            List<Byte> line = new ArrayList<>();
            int c;
            while ((c = in.read()) >= 0) {
                line.add((byte) c);
                int n = line.size();
                if (n >= 2 && line.get(n - 2) == '\r' && line.get(n - 1) == '\n') {
                    if (n == 3 && line.get(0) == '.') {
                        byte[] bytes = message.toByteArray();
                        messages.add(bytes);
                        return bytes;
                    }
                    for (int i = line.get(0) == '.' ? 1 : 0; i < n; i++) {
                        message.write(line.get(i));
                    }
                    line.clear();
                }
            }
            throw new IOException("connection closed inside DATA");
        }

        void startTls() throws Exception {
            use((serverTls.isPresent() ? serverTls.get() : tls()).upgrade(socket));
        }
    }
}
