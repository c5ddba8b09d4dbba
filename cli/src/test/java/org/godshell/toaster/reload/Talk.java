package org.godshell.toaster.reload;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * One client connection to a daemon on loopback, line by line, for SMTP and POP3 alike, with STARTTLS/STLS that
 * reports the certificate the server presented (any is accepted: the test asks which one, not whether to trust
 * it).
 */
public final class Talk implements AutoCloseable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private Talk(Socket socket) throws IOException {
        use(socket);
    }

    /** A new connection to 127.0.0.1:{@code port}; a read waits up to {@link Await#PATIENCE}. */
    static Talk to(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), (int) Await.PATIENCE.toMillis());
        socket.setSoTimeout((int) Await.PATIENCE.toMillis());
        return new Talk(socket);
    }

    private void use(Socket s) throws IOException {
        socket = s;
        in = new BufferedInputStream(s.getInputStream());
        out = s.getOutputStream();
    }

    /** The next line without its CRLF; empty when the server closed the connection. */
    Optional<String> line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                line.write(b);
            }
            if (b == -1 && line.size() == 0) {
                return Optional.empty();
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no reply within " + Await.PATIENCE.toSeconds() + " s; so far: " + line);
        } catch (IOException e) {
            // A reset after the server's last words: what it said is the answer.
            if (line.size() == 0) {
                return Optional.empty();
            }
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return Optional.of(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
    }

    /** One SMTP reply, every line of it (a multi-line reply has "NNN-" lines before its "NNN " line). */
    String reply() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String next = line().orElseThrow(() -> new AssertionError("the server closed the connection after "
                    + lines));
            lines.add(next);
            if (next.length() < 4 || next.charAt(3) != '-') {
                return String.join("\n", lines);
            }
        }
    }

    void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Sends an SMTP command and returns its whole reply. */
    public String smtp(String command) throws IOException {
        send(command);
        return reply();
    }

    /** Sends a POP3 command and returns its status line. */
    String pop3(String command) throws IOException {
        send(command);
        return line().orElseThrow(() -> new AssertionError("the server closed the connection after " + command));
    }

    /** Starts TLS on this connection (after the server's go-ahead) and returns the certificate it presented. */
    public X509Certificate tls(Optional<String> sni) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new AnyCertificate()}, null);
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(),
                true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setServerNames(sni.<List<javax.net.ssl.SNIServerName>>map(name -> List.of(new SNIHostName(name)))
                .orElse(List.of()));
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        use(tls);
        return (X509Certificate) tls.getSession().getPeerCertificates()[0];
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** The subject's CN, which is all the certificates of these tests differ by. */
    static String name(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }

    private static final class AnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
