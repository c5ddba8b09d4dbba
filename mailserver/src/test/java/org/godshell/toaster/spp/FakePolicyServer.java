package org.godshell.toaster.spp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A policy server for tests, on an ephemeral loopback port: reads each request up to its empty line, keeps it,
 * and writes the canned answer bytes (which may be anything, or nothing before closing).
 */
final class FakePolicyServer implements AutoCloseable {

    private final ServerSocket socket;
    final List<String> requests = new CopyOnWriteArrayList<>();

    /** {@code answer} null: read the request, then hang until closed. */
    FakePolicyServer(String answer) throws IOException {
        socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    requests.add(readRequest(client.getInputStream()));
                    if (answer == null) {
                        client.getInputStream().read();
                        continue;
                    }
                    client.getOutputStream().write(answer.getBytes(StandardCharsets.UTF_8));
                    client.getOutputStream().flush();
                } catch (IOException e) {
                    // The client went away or the test closed the server.
                }
            }
        });
    }

    String target() {
        return "inet:127.0.0.1:" + socket.getLocalPort();
    }

    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            bytes.write(b);
            if (bytes.toString(StandardCharsets.UTF_8).endsWith("\n\n")) {
                break;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
