package org.godshell.toaster.smtpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.godshell.toaster.smtp.Replies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What dialogue scripts cannot show well: several connections, slow clients, a stopping server, loops. */
class ServerLimitsTest {

    @TempDir
    Path temp;

    private TestServer server(String... control) throws Exception {
        Map<String, String> files = TestServer.defaults();
        for (int i = 0; i < control.length; i += 2) {
            files.put(control[i], control[i + 1]);
        }
        return new TestServer(temp, files);
    }

    private static Socket connect(TestServer server) throws IOException {
        Socket socket = new Socket(server.address().getAddress(), server.address().getPort());
        socket.setSoTimeout(5000);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static String reply(Socket socket) throws IOException {
        return DialogueTest.readLine(socket.getInputStream());
    }

    @Test
    void connectionsOverTheTotalLimitGet421() throws Exception {
        try (TestServer server = server("concurrencyincoming", "2");
                Socket first = connect(server); Socket second = connect(server)) {
            assertTrue(reply(first).startsWith("220 "));
            assertTrue(reply(second).startsWith("220 "));
            try (Socket third = connect(server)) {
                assertTrue(reply(third).startsWith("421 4.3.2 mx.test too many connections"));
                assertEquals(null, reply(third));
            }
            send(first, "QUIT\r\n");
            assertTrue(reply(first).startsWith("221 "));
            assertEquals(null, reply(first));
            // The slot is released when the session ends, a moment after the close: ask until it is.
            TestServer.await(() -> {
                try (Socket again = connect(server)) {
                    return reply(again).startsWith("220 ");
                } catch (IOException e) {
                    return false;
                }
            }, () -> "a slot was freed by the QUIT");
        }
    }

    /** A connection through the proxy on 127.0.0.1 for the client its PROXY header names; its first reply. */
    private static Socket proxied(TestServer server, String header) throws IOException {
        Socket socket = connect(server);
        send(socket, header);
        return socket;
    }

    @Test
    void connectionsOverThePerAddressLimitGet421() throws Exception {
        try (TestServer server = server("concurrencyperip", "1", "proxyfrom", "127.0.0.1\n");
                Socket first = proxied(server, "PROXY TCP4 192.0.2.9 127.0.0.1 5555 25\r\n")) {
            assertTrue(reply(first).startsWith("220 "));
            try (Socket second = proxied(server, "PROXY TCP4 192.0.2.9 127.0.0.1 5556 25\r\n")) {
                assertTrue(reply(second).startsWith("421 "), "per-IP limit");
            }
            // The same client written as an IPv4-mapped IPv6 address is the same client, not a second one.
            try (Socket mapped = proxied(server, "PROXY TCP6 ::ffff:192.0.2.9 ::1 5557 25\r\n")) {
                assertTrue(reply(mapped).startsWith("421 "), "per-IP limit, mapped form");
            }
            try (Socket other = proxied(server, "PROXY TCP4 192.0.2.10 127.0.0.1 5558 25\r\n")) {
                assertTrue(reply(other).startsWith("220 "), "another client has its own count");
            }
        }
    }

    /** Postfix's mynetworks exemption: loopback and RELAYCLIENT networks are not rationed per address. */
    @Test
    void ourOwnNetworksAreSparedThePerAddressLimitButNotTheTotal() throws Exception {
        try (TestServer server = server("concurrencyperip", "1", "concurrencyincoming", "4", "proxyfrom",
                "127.0.0.1\n", "tcp.smtp", "10.1.:allow,RELAYCLIENT=\"\"\n");
                Socket local = proxied(server, "PROXY UNKNOWN\r\n");
                Socket local2 = proxied(server, "PROXY UNKNOWN\r\n");
                Socket relay = proxied(server, "PROXY TCP4 10.1.2.3 127.0.0.1 5555 25\r\n");
                Socket relay2 = proxied(server, "PROXY TCP4 10.1.2.3 127.0.0.1 5556 25\r\n")) {
            for (Socket ours : new Socket[] {local, local2, relay, relay2}) {
                assertTrue(reply(ours).startsWith("220 "), "our own network");
            }
            try (Socket fifth = connect(server)) {
                assertTrue(reply(fifth).startsWith("421 4.3.2 "), "concurrencyincoming still holds");
            }
        }
    }

    @Test
    void aClientDribblingACommandTimesOutThoughBytesKeepComing() throws Exception {
        try (TestServer server = server("timeoutsmtpd", "1"); Socket slow = connect(server)) {
            assertTrue(reply(slow).startsWith("220 "));
            // A byte every 150 ms, far longer than the 1 s timeout: the server must end the command while bytes
            // still come, whatever the machine's speed.
            String command = "HELO " + "s".repeat(395);
            int sent = 0;
            try {
                while (sent < command.length() && slow.getInputStream().available() == 0) {
                    send(slow, command.substring(sent, sent + 1));
                    sent++;
                    Thread.sleep(150);
                }
            } catch (IOException e) {
                // The server may already have closed: that is the point.
            }
            assertEquals(Replies.TIMEOUT.toWire(true).strip(), reply(slow));
            assertTrue(sent < command.length(), "the timeout came while the command was still dribbling in");
        }
    }

    /**
     * Issue 18 #4: a client that pipelines commands and never reads fills the buffers until the server's write
     * blocks; timeoutsmtpd bounds that write too, so the server closes and the client's writes fail. The deadline
     * only keeps a broken server from hanging the build.
     */
    @Test
    void aClientThatNeverReadsIsDroppedWhenAWriteTimesOut() throws Exception {
        try (TestServer server = server("timeoutsmtpd", "1"); Socket deaf = new Socket()) {
            deaf.setReceiveBufferSize(4096);
            deaf.connect(server.address());
            deaf.setSoTimeout(5000);
            assertTrue(reply(deaf).startsWith("220 "));
            byte[] helps = "HELP\r\n".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
            assertThrows(IOException.class, () -> assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
                while (true) {
                    deaf.getOutputStream().write(helps);
                }
            }));
            TestServer.await(() -> server.log().contains("write timed out"), server::log);
        }
    }

    @Test
    void stopTellsIdleSessions421AndLetsAMessageInProgressFinish() throws Exception {
        try (TestServer server = server(); Socket idle = connect(server); Socket busy = connect(server)) {
            assertTrue(reply(idle).startsWith("220 "));
            assertTrue(reply(busy).startsWith("220 "));
            send(busy, "HELO a\r\nMAIL FROM:<a@x.test>\r\nRCPT TO:<b@local.test>\r\nDATA\r\n");
            for (String code : new String[] {"250", "250", "250", "354"}) {
                assertTrue(reply(busy).startsWith(code + " "));
            }
            send(busy, "Subject: in flight\r\n\r\n");
            Thread stopper = Thread.ofVirtual().start(() -> server.server.stop(Duration.ofSeconds(5)));
            assertTrue(reply(idle).startsWith("421 4.3.2 mx.test shutting down"));
            send(busy, "the end\r\n.\r\n");
            assertTrue(reply(busy).startsWith("250 2.0.0 ok "), "the message in progress is accepted");
            assertTrue(reply(busy).startsWith("421 "));
            stopper.join();
            assertEquals(1, server.queue.list().size());
            try (Socket late = new Socket()) {
                late.connect(server.address(), 1000);
                throw new AssertionError("the server still accepts connections after stop");
            } catch (IOException expected) {
                // Connection refused: the listener is closed.
            }
        }
    }

    @Test
    void aMessageThatHasPassed100RelaysIsALoop() throws Exception {
        try (TestServer server = server(); Socket client = connect(server)) {
            reply(client);
            send(client, "HELO a\r\nMAIL FROM:<a@x.test>\r\nRCPT TO:<b@local.test>\r\nDATA\r\n");
            for (int i = 0; i < 4; i++) {
                reply(client);
            }
            send(client, "Received: from hop\r\n".repeat(100) + "Subject: loop\r\n\r\nx\r\n.\r\n");
            assertEquals(Replies.LOOP.toWire(true).strip(), reply(client));
            send(client, "MAIL FROM:<a@x.test>\r\nRCPT TO:<b@local.test>\r\nDATA\r\n");
            for (int i = 0; i < 3; i++) {
                reply(client);
            }
            send(client, "Received: from hop\r\n".repeat(99) + "Subject: not yet a loop\r\n\r\nx\r\n.\r\n");
            assertTrue(reply(client).startsWith("250 2.0.0 ok "));
            assertEquals(1, server.queue.list().size());
        }
    }

    @Test
    void storageFailuresAreTemporaryAndAFullDiskSaysSo() {
        assertEquals(Replies.DISK_FULL,
                DataHandler.storageFailure(new FileSystemException("/q/tmp/1", null, "No space left on device")));
        assertEquals(Replies.QUEUE_FAILED, DataHandler.storageFailure(new IOException("Input/output error")));
    }

    @Test
    void theLogHasOneLinePerTransactionWithItsFacts() throws Exception {
        try (TestServer server = server(); Socket client = connect(server)) {
            reply(client);
            send(client, "EHLO logger.example\r\nMAIL FROM:<a@x.test>\r\nRCPT TO:<b@local.test>\r\nDATA\r\n");
            for (int i = 0; i < 9; i++) {
                reply(client);
            }
            send(client, "Subject: logged\r\n\r\nx\r\n.\r\nQUIT\r\n");
            String queued = reply(client);
            reply(client);
            String id = queued.substring(queued.lastIndexOf(' ') + 1);
            // The line is written as the transaction ends, which may be a moment after the client heard 250.
            TestServer.await(() -> server.log().matches("(?s).*smtpd\\[\\S+\\] tx client=127\\.0\\.0\\.1 "
                    + "helo=logger\\.example from=<a@x\\.test> to=<b@local\\.test> size=\\d+ queue=" + id
                    + " result=250 ms=\\d+\\.\\d\\d\n.*"), server::log);
        }
    }
}
