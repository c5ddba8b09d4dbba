package org.godshell.toaster.installer.imap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Just enough IMAP (RFC 9051) to drive a real Dovecot from a test: tagged commands, their untagged lines and
 * the tagged reply, STARTTLS, and the certificate the server showed. It trusts any certificate, since the test
 * compares the one served with the toaster's itself; a transcript goes into every failure.
 */
public final class ImapClient implements AutoCloseable {

    private final StringBuilder transcript = new StringBuilder();
    private Socket socket;
    private BufferedReader in;
    private OutputStream out;
    private int tag;

    private ImapClient(Socket socket) throws IOException {
        use(socket);
    }

    /**
     * Connected to {@code port} on 127.0.0.1, TLS first when {@code implicitTls}; the greeting is read. The
     * connection comes from 127.0.0.2: Dovecot trusts a client whose address is its own as if it used TLS, so a
     * client from 127.0.0.1 would not see the rules a client from elsewhere sees.
     */
    public static ImapClient connect(int port, boolean implicitTls) throws IOException {
        Socket plain = new Socket();
        plain.bind(new InetSocketAddress("127.0.0.2", 0));
        plain.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        plain.setSoTimeout(30_000);
        ImapClient client = new ImapClient(implicitTls ? tls(plain, port) : plain);
        client.line();
        return client;
    }

    /**
     * Returns once the clock shows a later second than when called. Dovecot's passwd-file driver looks at a file
     * at most once a second (db-passwd-file.c, {@code passwd_file_sync}): a login in the second of an earlier
     * lookup is checked against what that lookup read, even if the file changed since. A login after this sees
     * every edit made before it.
     */
    public static void awaitNextSecond() throws InterruptedException {
        long second = Instant.now().getEpochSecond();
        while (Instant.now().getEpochSecond() == second) {
            Thread.sleep(1000 - Instant.now().toEpochMilli() % 1000 + 1);
        }
    }

    /** {@code STARTTLS}, then the handshake (RFC 9051 §6.2.1); throws unless the server said OK. */
    public void startTls(int port) throws IOException {
        String reply = command("STARTTLS");
        if (!reply.contains(" OK")) {
            throw new IOException("STARTTLS refused:\n" + transcript);
        }
        use(tls(socket, port));
    }

    /** Sends one command with the next tag; returns every line up to and including the tagged reply. */
    public String command(String text) throws IOException {
        String t = "a" + ++tag;
        send(t + " " + text);
        return until(t);
    }

    /** Sends a continuation line (a SASL response) and reads up to the next continuation or tagged reply. */
    public String continuation(String text) throws IOException {
        send(text);
        StringBuilder lines = new StringBuilder();
        while (true) {
            String line = line();
            lines.append(line).append('\n');
            if (line.startsWith("+") || line.startsWith("a" + tag + " ")) {
                return lines.toString();
            }
        }
    }

    /** Sends a command that the server answers with a continuation ({@code AUTHENTICATE}); returns that line. */
    public String start(String text) throws IOException {
        send("a" + ++tag + " " + text);
        return line();
    }

    /** The leaf certificate of the TLS session. */
    public X509Certificate served() throws IOException {
        Certificate[] chain = ((SSLSocket) socket).getSession().getPeerCertificates();
        return (X509Certificate) chain[0];
    }

    public String transcript() {
        return transcript.toString();
    }

    private String until(String t) throws IOException {
        StringBuilder lines = new StringBuilder();
        while (true) {
            String line = line();
            lines.append(line).append('\n');
            if (line.startsWith(t + " ")) {
                return lines.toString();
            }
        }
    }

    private void send(String line) throws IOException {
        transcript.append("C: ").append(line).append('\n');
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private String line() throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("the server closed the connection:\n" + transcript);
        }
        transcript.append("S: ").append(line).append('\n');
        return line;
    }

    private void use(Socket next) throws IOException {
        socket = next;
        in = new BufferedReader(new InputStreamReader(next.getInputStream(), StandardCharsets.UTF_8));
        out = next.getOutputStream();
    }

    private static SSLSocket tls(Socket plain, int port) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAll()}, null);
            SSLSocket secure = (SSLSocket) context.getSocketFactory().createSocket(plain, "localhost", port, true);
            secure.startHandshake();
            return secure;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Accepts any server: the test checks which certificate it was by comparing it with the toaster's. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            // Only ever a client\'s trust manager: no client certificate is asked for, so none is trusted.
            throw new CertificateException("this side is the client");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // any server: the test compares the certificate it served with the toaster's
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
