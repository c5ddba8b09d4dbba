package org.godshell.toaster.site.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 #14: many connections from one address trickling their request heads must not keep others out. The
 * slow client is 127.0.0.2 (loopback on Linux, like all of 127/8), the patient one 127.0.0.1. Every wait is for
 * something to happen, generously; nothing asserts how fast.
 */
class SlowClientsTest {

    private static final long PATIENCE_MILLIS = 60_000;
    private static final String HEAD = "GET /Page.html HTTP/1.1\r\nHost: wiki.test\r\n";

    @TempDir
    Path dir;

    private WikiServer server;

    private InetSocketAddress start(WikiServer.Guards guards) throws Exception {
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("Page.html"), "<!DOCTYPE html><title>Page</title><p>a page</p>\n");
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        server = new WikiServer(new WikiServer.Settings(site, List.of(any), List.of(), Optional.empty(), "wiki.test"),
                Optional.empty(), line -> { }, guards);
        server.start();
        return server.httpAddresses().getFirst();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void connectionsOverTheCapForOneAddressAreClosedAndOthersAreServed() throws Exception {
        // A head deadline far beyond the test: only the cap may close connections here.
        int cap = WikiServer.Guards.DEFAULT.perClient();
        InetSocketAddress wiki = start(new WikiServer.Guards(cap, Duration.ofMinutes(10)));
        int extra = 8;
        List<Trickle> slow = new ArrayList<>();
        try {
            for (int i = 0; i < cap + extra; i++) {
                Socket socket = new Socket();
                slow.add(new Trickle(socket));
                socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
                socket.connect(wiki, 20_000);
            }
            List<Trickle> closed = new ArrayList<>();
            long giveUp = System.currentTimeMillis() + PATIENCE_MILLIS;
            while (closed.size() < extra && System.currentTimeMillis() < giveUp) {
                for (Trickle trickle : slow) {
                    // A byte each round also keeps the idle timeout away, however slow this machine is.
                    if (!closed.contains(trickle) && (!trickle.send() || closedByServer(trickle.socket))) {
                        closed.add(trickle);
                    }
                }
            }
            assertEquals(extra, closed.size(), "the connections over the cap are closed, only those");

            assertTrue(get(wiki).startsWith("HTTP/1.1 200"), "127.0.0.1 is served meanwhile");
            for (Trickle kept : slow.stream().filter(t -> !closed.contains(t)).toList()) {
                String answer = kept.finish();
                assertTrue(answer.startsWith("HTTP/1.1 200"), "a connection within the cap is served: " + answer);
            }
        } finally {
            for (Trickle trickle : slow) {
                trickle.socket.close();
            }
        }
    }

    @Test
    void aHeadTrickledByteByByteIsCutOff() throws Exception {
        InetSocketAddress wiki = start(new WikiServer.Guards(16, Duration.ofSeconds(2)));
        try (Socket socket = new Socket(wiki.getAddress(), wiki.getPort())) {
            assertTrue(trickledUntilClosed(socket), "the server must close the connection");
        }
    }

    /**
     * The deadline starts again after each answer on a kept-alive connection. The first request must itself beat
     * the deadline, which a stalled machine might not: it is tried on new connections until one is served.
     */
    @Test
    void theDeadlineHoldsForEachRequestOnAKeptAliveConnection() throws Exception {
        InetSocketAddress wiki = start(new WikiServer.Guards(16, Duration.ofSeconds(2)));
        for (int attempt = 0; attempt < 10; attempt++) {
            try (Socket socket = new Socket(wiki.getAddress(), wiki.getPort())) {
                socket.setSoTimeout((int) PATIENCE_MILLIS);
                socket.getOutputStream().write((HEAD + "\r\n").getBytes(StandardCharsets.US_ASCII));
                if (!readAnswer(socket.getInputStream()).startsWith("HTTP/1.1 200")) {
                    continue;
                }
                assertTrue(trickledUntilClosed(socket), "the second head must be cut off too");
                return;
            }
        }
        throw new AssertionError("no first request was served");
    }

    /** Sends a request head a byte at a time until the server closes the connection; true if it did. */
    private static boolean trickledUntilClosed(Socket socket) throws IOException {
        Trickle trickle = new Trickle(socket);
        long giveUp = System.currentTimeMillis() + PATIENCE_MILLIS;
        while (System.currentTimeMillis() < giveUp) {
            if (!trickle.send() || closedByServer(socket)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A request head that never ends: the request line, then well-formed header lines. Sent a byte at a time,
     * at most 20 a second here: well under the 16 KiB head limit, which would close the connection too.
     */
    private static final class Trickle {
        private static final String LINE = "X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n";
        private final Socket socket;
        private int sent;

        Trickle(Socket socket) {
            this.socket = socket;
        }

        private char at(int i) {
            return i < HEAD.length() ? HEAD.charAt(i) : LINE.charAt((i - HEAD.length()) % LINE.length());
        }

        /** One more byte; false if the server reset the connection. */
        boolean send() {
            try {
                socket.getOutputStream().write(at(sent++));
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        /** Ends the head (a Host line is due at least), and reads the whole answer. */
        String finish() throws IOException {
            StringBuilder rest = new StringBuilder();
            while (sent < HEAD.length() || at(sent - 1) != '\n') {
                rest.append(at(sent++));
            }
            rest.append("Connection: close\r\n\r\n");
            socket.getOutputStream().write(rest.toString().getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout((int) PATIENCE_MILLIS);
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /** Whether the server closed {@code socket}, looking for a moment; it must not have sent anything. */
    private static boolean closedByServer(Socket socket) throws IOException {
        socket.setSoTimeout(50);
        try {
            int read = socket.getInputStream().read();
            assertEquals(-1, read, "the server answered instead of closing");
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;                                                // reset
        }
    }

    /** One answer's head and body, read by Content-Length. */
    private static String readAnswer(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString();
            }
            head.append((char) b);
        }
        int length = head.toString().lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                .map(l -> Integer.parseInt(l.substring(15).trim())).findFirst().orElse(0);
        in.readNBytes(length);
        return head.toString();
    }

    private static String get(InetSocketAddress wiki) throws IOException {
        try (Socket socket = new Socket(wiki.getAddress(), wiki.getPort())) {
            socket.setSoTimeout((int) PATIENCE_MILLIS);
            socket.getOutputStream().write((HEAD + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
