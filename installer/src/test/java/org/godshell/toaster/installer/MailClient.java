package org.godshell.toaster.installer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * SMTP and POP3 for the systemd container test, run in the test's own JVM against the toaster's real ports on
 * this machine's loopback (the container shares the host's network). Every exchange is written to a transcript,
 * which a failure carries in its message. It trusts any certificate because a fresh install's is self-signed; it
 * is test code and never part of the installer.
 */
final class MailClient {

    /** How an SMTP session protects itself: not at all (port 25), STARTTLS (587), TLS on connect (465). */
    enum Tls { NONE, STARTTLS, IMPLICIT }

    private static final String HOST = "127.0.0.1";

    private final StringBuilder transcript = new StringBuilder();
    private BufferedReader in;
    private OutputStream out;

    private MailClient() {
    }

    /**
     * Sends one message whose subject is {@code subject}; with a user, AUTH PLAIN (RFC 4616) first. Returns the
     * transcript; throws with it unless the message was accepted (250 after the data).
     */
    static String send(int port, Tls tls, String user, String password, String from, String to, String subject)
            throws IOException {
        MailClient client = new MailClient();
        client.transaction(port, tls, user, password, from, from, to, subject, "250");
        return client.transcript.toString();
    }

    /**
     * Sends, without TLS or login, a message whose From field names {@code fromField} while the envelope sender
     * is {@code from}, and returns the reply to its final dot, which must start with {@code code}.
     */
    static String sendAs(int port, String from, String fromField, String to, String subject, String code)
            throws IOException {
        return new MailClient().transaction(port, Tls.NONE, null, null, from, fromField, to, subject, code);
    }

    /**
     * Without TLS or login, a transaction that ends at its recipient: returns the reply to {@code RCPT TO}, whatever
     * its code, and quits.
     */
    static String rcpt(int port, String from, String to) throws IOException {
        MailClient client = new MailClient();
        try (Socket socket = client.connect(port, false)) {
            client.expect("220");
            client.command("EHLO client.example.test", "250");
            client.command("MAIL FROM:<" + from + ">", "250");
            String reply = client.command("RCPT TO:<" + to + ">", "");
            client.command("QUIT", "221");
            return reply;
        } catch (IOException | GeneralSecurityException e) {
            throw new IOException("SMTP on port " + port + " failed: " + e.getMessage() + "\n" + client.transcript, e);
        }
    }

    private String transaction(int port, Tls tls, String user, String password, String from, String fromField,
            String to, String subject, String code) throws IOException {
        try (Socket socket = connect(port, tls == Tls.IMPLICIT)) {
            expect("220");
            command("EHLO client.example.test", "250");
            Socket session = socket;
            if (tls == Tls.STARTTLS) {
                command("STARTTLS", "220");
                session = secure(socket, port);
                command("EHLO client.example.test", "250");
            }
            if (user != null) {
                command("AUTH PLAIN " + Base64.getEncoder().encodeToString(("\0" + user + "\0" + password)
                        .getBytes(StandardCharsets.UTF_8)), "235");
            }
            command("MAIL FROM:<" + from + ">", "250");
            command("RCPT TO:<" + to + ">", "250");
            command("DATA", "354");
            String reply = command("From: <" + fromField + ">\r\nTo: <" + to + ">\r\nSubject: " + subject
                    + "\r\n\r\nsent by the systemd container test\r\n.", code);
            command("QUIT", "221");
            session.close();
            return reply;
        } catch (IOException | GeneralSecurityException e) {
            throw new IOException("SMTP on port " + port + " failed: " + e.getMessage() + "\n" + transcript, e);
        }
    }

    /** Logs in over POP3 with TLS on connect (USER, PASS), and returns every message in the drop (STAT, RETR). */
    static List<String> fetchAll(int port, String user, String password) throws IOException {
        MailClient client = new MailClient();
        try (Socket socket = client.connect(port, true)) {
            client.expect("+OK");
            client.command("USER " + user, "+OK");
            client.command("PASS " + password, "+OK");
            String stat = client.command("STAT", "+OK");
            int count = Integer.parseInt(stat.split(" ")[1]);
            List<String> messages = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                client.command("RETR " + i, "+OK");
                StringBuilder message = new StringBuilder();
                for (String line = client.readLine(); !line.equals("."); line = client.readLine()) {
                    message.append(line.startsWith("..") ? line.substring(1) : line).append('\n');
                }
                messages.add(message.toString());
            }
            client.command("QUIT", "+OK");
            return messages;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IOException("POP3S on port " + port + " as " + user + " failed: " + e.getMessage() + "\n"
                    + client.transcript, e);
        }
    }

    /** Logs in over POP3 with TLS on connect and returns the unique-id listing, {@code "n uid"} per message (UIDL). */
    static List<String> uidl(int port, String user, String password) throws IOException {
        MailClient client = new MailClient();
        try (Socket socket = client.connect(port, true)) {
            client.expect("+OK");
            client.command("USER " + user, "+OK");
            client.command("PASS " + password, "+OK");
            client.command("UIDL", "+OK");
            List<String> listing = new ArrayList<>();
            for (String line = client.readLine(); !line.equals("."); line = client.readLine()) {
                listing.add(line);
            }
            client.command("QUIT", "+OK");
            return listing;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IOException("POP3S UIDL on port " + port + " as " + user + " failed: " + e.getMessage() + "\n"
                    + client.transcript, e);
        }
    }

    private Socket connect(int port, boolean tls) throws IOException, GeneralSecurityException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(HOST, port), 10_000);
        plain.setSoTimeout(30_000);
        return tls ? secure(plain, port) : attach(plain);
    }

    private Socket secure(Socket plain, int port) throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
        SSLSocket secure = (SSLSocket) context.getSocketFactory().createSocket(plain, HOST, port, true);
        secure.startHandshake();
        return attach(secure);
    }

    private Socket attach(Socket socket) throws IOException {
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        out = socket.getOutputStream();
        return socket;
    }

    /** Sends a line and returns the reply, which must start with {@code code}. */
    private String command(String line, String code) throws IOException {
        boolean secret = line.startsWith("AUTH") || line.startsWith("PASS");
        transcript.append("C: ").append(secret ? line.substring(0, 4) + " ..." : line.lines().findFirst().orElse(""))
                .append('\n');
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return expect(code);
    }

    /** Reads a reply, all its lines for SMTP (RFC 5321 §4.2.1), and requires its code; returns its last line. */
    private String expect(String code) throws IOException {
        String line;
        do {
            line = readLine();
        } while (line.length() > 3 && line.charAt(3) == '-');
        if (!line.startsWith(code)) {
            throw new IOException("expected " + code + ", got: " + line);
        }
        return line;
    }

    private String readLine() throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("connection closed");
        }
        transcript.append("S: ").append(line).append('\n');
        return line;
    }

    /** The fresh install's certificate is self-signed: this test client accepts it. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client certificates are not used here");
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
