package org.godshell.toaster.installer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A mail client for the container test, run inside the container with the mounted JDK: submission on PORT,
 * EHLO, STARTTLS (RFC 3207), EHLO again, AUTH PLAIN (RFC 4616), one message. It trusts any certificate because
 * the fresh install's is self-signed; it is test code and never part of the installer.
 *
 * <p>{@code java -cp DIR org.godshell.toaster.installer.SubmitClient HOST PORT USER PASSWORD TO SUBJECT};
 * exit 0 when the message was accepted (250 after the data), 1 otherwise, with the dialogue on stdout.
 */
public final class SubmitClient {

    private BufferedReader in;
    private OutputStream out;

    public static void main(String[] args) throws Exception {
        System.exit(new SubmitClient().send(args[0], Integer.parseInt(args[1]), args[2], args[3], args[4], args[5]));
    }

    private int send(String host, int port, String user, String password, String to, String subject)
            throws Exception {
        try (Socket plain = new Socket(host, port)) {
            attach(plain);
            expect("220");
            command("EHLO client.example.test", "250");
            command("STARTTLS", "220");
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
            try (SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, true)) {
                secure.startHandshake();
                attach(secure);
                command("EHLO client.example.test", "250");
                String token = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password)
                        .getBytes(StandardCharsets.UTF_8));
                command("AUTH PLAIN " + token, "235");
                command("MAIL FROM:<" + user + ">", "250");
                command("RCPT TO:<" + to + ">", "250");
                command("DATA", "354");
                command("From: <" + user + ">\r\nTo: <" + to + ">\r\nSubject: " + subject + "\r\n\r\nsent through the "
                        + "fresh install\r\n.", "250");
                command("QUIT", "221");
                return 0;
            }
        } catch (IOException e) {
            System.out.println("failed: " + e.getMessage());
            return 1;
        }
    }

    private void attach(Socket socket) throws IOException {
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        out = socket.getOutputStream();
    }

    private void command(String line, String code) throws IOException {
        System.out.println("C: " + (line.startsWith("AUTH") ? "AUTH PLAIN ..." : line.lines().findFirst().orElse("")));
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(code);
    }

    /** Reads a reply, all its lines (RFC 5321 §4.2.1), and requires its code. */
    private void expect(String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed, expected " + code);
            }
            System.out.println("S: " + line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        if (!line.startsWith(code)) {
            throw new IOException("expected " + code + ", got: " + line);
        }
    }

    /** The fresh install's certificate is self-signed: this test client accepts it. */
    private static final class TrustAll implements X509TrustManager {
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
