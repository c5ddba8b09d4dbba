package org.godshell.toaster.mailmetrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.net.ssl.SSLSocket;
import org.godshell.toaster.tls.TrustOnly;

/** Just enough of an SMTP client to script sessions: a command, its whole reply (the last line returned). */
final class SmtpClient implements AutoCloseable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    final String greeting;

    SmtpClient(InetSocketAddress server) throws IOException {
        socket = new Socket(server.getAddress(), server.getPort());
        socket.setSoTimeout(30_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        greeting = reply();
    }

    /** Sends {@code line} (CRLF added; any bytes, hostile ones included) and returns the reply's last line. */
    String say(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return reply();
    }

    /**
     * As {@link #say}, for hostile scripts the server may cut short (too many errors, a blocked address): a closed
     * connection answers {@code closed}.
     */
    String sayIfOpen(String line) {
        try {
            return say(line);
        } catch (IOException e) {
            return "closed";
        }
    }

    /** STARTTLS, then the handshake, trusting only the test certificate. */
    void startTls() throws Exception {
        startTls("TLSv1.3", "TLSv1.2");
    }

    /** As {@link #startTls()}, offering only {@code versions}. */
    void startTls(String... versions) throws Exception {
        assertTrue(say("STARTTLS").startsWith("220"));
        SSLSocket tls = (SSLSocket) TrustOnly.certificateIn(MetricsTestServer.certificate()).getSocketFactory()
                .createSocket(socket, "mx.test", socket.getPort(), true);
        tls.setEnabledProtocols(versions);
        tls.startHandshake();
        socket = tls;
        in = tls.getInputStream();
        out = tls.getOutputStream();
    }

    /** A whole transaction; returns the reply to the final dot. */
    String send(String from, String to) throws IOException {
        assertTrue(say("MAIL FROM:<" + from + ">").startsWith("250"));
        String rcpt = say("RCPT TO:<" + to + ">");
        if (!rcpt.startsWith("250")) {
            return rcpt;
        }
        assertTrue(say("DATA").startsWith("354"));
        return say("Subject: test\r\n\r\nhello\r\n.");
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private String reply() throws IOException {
        String line;
        do {
            line = line();
        } while (line.length() > 3 && line.charAt(3) == '-');
        return line;
    }

    private String line() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
