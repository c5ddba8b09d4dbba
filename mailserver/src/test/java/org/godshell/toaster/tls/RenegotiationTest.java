package org.godshell.toaster.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client may not start a second handshake on a TLS 1.2 connection (issue 18 §3): each full handshake costs the
 * server a private-key operation, so a client renegotiating in a loop exhausts the CPU. Every TLS the server
 * speaks (SMTPS, STARTTLS, POP3S, the wiki's HTTPS) comes from {@link ServerTls}, so one test covers them all.
 */
class RenegotiationTest {

    @TempDir
    Path dir;

    @Test
    void aClientInitiatedRenegotiationEndsTheConnection() throws Exception {
        String pem = SelfSigned.create("mx.test");
        Path file = Files.writeString(dir.resolve("servercert.pem"), pem);
        ServerTls tls = ServerTls.of(ServerCertificate.read(file));
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread echo = Thread.ofVirtual().start(() -> echoOnce(tls, listener));
            try (Socket plain = new Socket(listener.getInetAddress(), listener.getLocalPort());
                    SSLSocket client = (SSLSocket) TrustOnly.certificateIn(pem).getSocketFactory()
                            .createSocket(plain, "mx.test", plain.getPort(), true)) {
                plain.setSoTimeout(10_000);                             // a safety net only: the alert comes at once
                client.setEnabledProtocols(new String[] {"TLSv1.2"});   // TLS 1.3 has no renegotiation at all
                client.startHandshake();
                client.getOutputStream().write('a');
                assertEquals('a', client.getInputStream().read(), "the first handshake is served");

                client.startHandshake();                                // TLS 1.2: a new ClientHello
                assertNotEquals('b', writeAndRead(client, 'b'), "the renegotiated connection must not be served");
            }
            echo.join();
        }
    }

    /** The byte read back, or -1 for end of stream or an error: a refused renegotiation gives either. */
    private static int writeAndRead(SSLSocket client, int b) {
        try {
            client.getOutputStream().write(b);
            return client.getInputStream().read();
        } catch (IOException e) {
            return -1;
        }
    }

    private static void echoOnce(ServerTls tls, ServerSocket listener) {
        try (Socket plain = listener.accept(); SSLSocket socket = tls.upgrade(plain)) {
            InputStream in = socket.getInputStream();
            for (int b = in.read(); b >= 0; b = in.read()) {
                socket.getOutputStream().write(b);
            }
        } catch (IOException e) {
            // the refused renegotiation: the server ends the connection with a handshake_failure alert
        }
    }
}
