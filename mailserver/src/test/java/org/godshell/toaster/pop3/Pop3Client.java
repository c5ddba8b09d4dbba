package org.godshell.toaster.pop3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A minimal POP3 client for tests: TLS on connect, one command and its first response line at a time. */
final class Pop3Client implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    final String greeting;

    Pop3Client(InetSocketAddress address) throws Exception {
        this(address, 5000);
    }

    /** {@code timeoutMillis}: how long a read waits for the server. */
    Pop3Client(InetSocketAddress address, int timeoutMillis) throws Exception {
        Socket plain = new Socket(address.getAddress(), address.getPort());
        plain.setSoTimeout(timeoutMillis);
        socket = Pop3TestServer.handshake(plain);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        greeting = line();
    }

    /** Sends a command and returns the status line of the response. */
    String send(String command) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return line();
    }

    /** USER and PASS; returns PASS's status line. */
    String login(String user, String password) throws IOException {
        send("USER " + user);
        return send("PASS " + password);
    }

    String line() throws IOException {
        return Pop3DialogueTest.readLine(in);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
