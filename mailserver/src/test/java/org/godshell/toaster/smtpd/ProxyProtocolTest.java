package org.godshell.toaster.smtpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * control/proxyfrom: a listed proxy's PROXY header names the client that tcp.smtp judges; anyone else's PROXY
 * line is an unknown command (issue 18 #10: a local proxy must not make every client 127.0.0.1).
 */
class ProxyProtocolTest {

    private static final String PROXIED = "PROXY TCP4 192.0.2.9 127.0.0.1 5555 25\r\n";

    @TempDir
    Path temp;

    private TestServer server(String tcpSmtp, String proxyFrom) throws Exception {
        Map<String, String> files = TestServer.defaults();
        files.put("tcp.smtp", tcpSmtp);
        if (proxyFrom != null) {
            files.put("proxyfrom", proxyFrom);
        }
        return new TestServer(temp, files);
    }

    private static Socket connect(TestServer server) throws IOException {
        Socket socket = new Socket(server.address().getAddress(), server.address().getPort());
        socket.setSoTimeout(5000);
        return socket;
    }

    private static String say(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return reply(socket);
    }

    private static String reply(Socket socket) throws IOException {
        return DialogueTest.readLine(socket.getInputStream());
    }

    @Test
    void aProxiedClientIsJudgedByItsOwnAddress() throws Exception {
        try (TestServer server = server("192.0.2.9:deny\n", "127.0.0.1\n")) {
            try (Socket proxied = connect(server)) {
                assertTrue(say(proxied, PROXIED).startsWith("554 5.7.1 "));
                assertNull(reply(proxied));
            }
            assertTrue(server.log().contains("proxy 127.0.0.1 for 192.0.2.9"), server.log());
            assertTrue(server.log().contains("refused 192.0.2.9 by "), server.log());
            try (Socket itself = connect(server)) {
                assertTrue(say(itself, "PROXY UNKNOWN\r\n").startsWith("220 "), "UNKNOWN: the proxy's own address");
            }
        }
    }

    @Test
    void theLoopbackRelayRuleDoesNotReachProxiedClients() throws Exception {
        try (TestServer server = server("127.0.0.1:allow,RELAYCLIENT=\"\"\n", "127.0.0.0/8\n::1\n")) {
            try (Socket proxied = connect(server)) {
                assertTrue(say(proxied, PROXIED).startsWith("220 "));
                assertTrue(say(proxied, "HELO client.example\r\n").startsWith("250 "));
                assertTrue(say(proxied, "MAIL FROM:<a@client.example>\r\n").startsWith("250 "));
                assertTrue(say(proxied, "RCPT TO:<b@elsewhere.example>\r\n").startsWith("553 "), "no relay");
            }
            try (Socket local = connect(server)) {
                assertTrue(say(local, "PROXY UNKNOWN\r\n").startsWith("220 "));
                assertTrue(say(local, "HELO localhost\r\n").startsWith("250 "));
                assertTrue(say(local, "MAIL FROM:<a@local.test>\r\n").startsWith("250 "));
                assertTrue(say(local, "RCPT TO:<b@elsewhere.example>\r\n").startsWith("250 "), "the host relays");
            }
        }
    }

    @Test
    void aClientNotListedIsNotBelieved() throws Exception {
        try (TestServer server = server("192.0.2.9:deny\n", null); Socket client = connect(server)) {
            assertTrue(reply(client).startsWith("220 "));
            assertTrue(say(client, PROXIED).startsWith("500 "), "an unknown command");
            assertTrue(say(client, "QUIT\r\n").startsWith("221 "));
            assertFalse(server.log().contains("192.0.2.9"), server.log());
        }
    }

    /** On the SMTPS port the header comes first, in plain text, and the TLS handshake follows it. */
    @Test
    void onTheSmtpsPortTheHeaderComesBeforeTls() throws Exception {
        StartTlsTest.certificate();
        Map<String, String> files = TestServer.defaults();
        files.put("proxyfrom", "127.0.0.1\n");
        files.put("servercert.pem", StartTlsTest.pem);
        files.put("listen-smtps", "127.0.0.1:0\n");
        try (TestServer server = new TestServer(temp, files);
                Socket plain = new Socket("127.0.0.1", server.server.addresses().get(1).getPort())) {
            plain.setSoTimeout(5000);
            plain.getOutputStream().write(PROXIED.getBytes(StandardCharsets.US_ASCII));
            try (SSLSocket tls = StartTlsTest.handshake(plain)) {
                assertEquals("220 mx.test ESMTP", DialogueTest.readLine(tls.getInputStream()));
                tls.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                assertTrue(DialogueTest.readLine(tls.getInputStream()).startsWith("221 "));
            }
            assertTrue(server.log().contains("proxy 127.0.0.1 for 192.0.2.9"), server.log());
        }
    }

    /** A proxy's connections awaiting their header count against concurrencyincoming: silence cannot pile up. */
    @Test
    void connectionsAwaitingTheirHeaderHoldASlot() throws Exception {
        Map<String, String> files = TestServer.defaults();
        files.put("proxyfrom", "127.0.0.1\n");
        files.put("concurrencyincoming", "2\n");
        try (TestServer server = new TestServer(temp, files); Socket first = connect(server);
                Socket second = connect(server); Socket third = connect(server)) {
            TestServer.await(() -> server.log().contains("refused proxy 127.0.0.1: too many connections"), server::log);
            assertEquals(1, server.log().split("too many connections", -1).length - 1, server.log());
        }
    }

    @Test
    void aListedProxyWithoutAHeaderIsCutWithoutAReply() throws Exception {
        try (TestServer server = server("", "127.0.0.1\n"); Socket proxy = connect(server)) {
            assertEquals(null, say(proxy, "EHLO client.example\r\n"));
            assertTrue(server.log().contains("refused proxy 127.0.0.1: no PROXY header"), server.log());
        }
    }
}
