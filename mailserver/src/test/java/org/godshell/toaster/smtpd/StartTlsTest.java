package org.godshell.toaster.smtpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.godshell.toaster.queue.QueueId;
import org.godshell.toaster.tls.SelfSigned;
import org.godshell.toaster.tls.TrustOnly;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** STARTTLS (RFC 3207) with a real JDK TLS client that trusts only the server's own self-signed certificate. */
class StartTlsTest {

    static String pem;

    @TempDir
    Path root;

    @BeforeAll
    static void certificate() throws Exception {
        if (pem == null) {
            pem = SelfSigned.create("mx.test");
        }
    }

    private TestServer server() throws Exception {
        Map<String, String> control = TestServer.defaults();
        control.put("servercert.pem", pem);
        return new TestServer(root, control);
    }

    /** A client context that trusts exactly the certificate in {@link #pem}, and checks the host name. */
    static SSLSocket handshake(Socket plain) throws Exception {
        return handshake(plain, pem, "mx.test");
    }

    /** A TLS client that trusts only the certificate in {@code trusted} and asks for {@code host} with SNI. */
    private static SSLSocket handshake(Socket plain, String trusted, String host) throws Exception {
        SSLContext context = TrustOnly.certificateIn(trusted);
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, plain.getPort(), true);
        var parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");                // RFC 6125 name check
        parameters.setServerNames(List.of(new SNIHostName(host)));
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        return tls;
    }

    private static List<String> ehlo(InputStream in, OutputStream out) throws IOException {
        send(out, "EHLO client.example\r\n");
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = DialogueTest.readLine(in);
            lines.add(line);
        } while (line.startsWith("250-"));
        return lines;
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Test
    void startTlsDropsPipelinedCommandsAndTheSessionStartsOver() throws Exception {
        try (TestServer server = server(); Socket plain = new Socket(server.address().getAddress(),
                server.address().getPort())) {
            plain.setSoTimeout(5000);
            DialogueTest.readLine(plain.getInputStream());
            assertTrue(ehlo(plain.getInputStream(), plain.getOutputStream()).contains("250 STARTTLS"));
            // CVE-2011-0411: the injected MAIL rides in the same packet as STARTTLS and must never run.
            send(plain.getOutputStream(), "STARTTLS\r\nMAIL FROM:<injected@x.test>\r\n");
            assertEquals("220 2.0.0 ready to start TLS", DialogueTest.readLine(plain.getInputStream()));

            try (SSLSocket tls = handshake(plain)) {
                InputStream in = tls.getInputStream();
                OutputStream out = tls.getOutputStream();
                send(out, "RCPT TO:<bob@local.test>\r\n");
                assertEquals("503 5.5.1 MAIL first (#5.5.1)", DialogueTest.readLine(in),
                        "the injected MAIL did not run, and the session is back before EHLO");
                List<String> extensions = ehlo(in, out);
                assertTrue(!extensions.contains("250-STARTTLS") && !extensions.contains("250 STARTTLS"),
                        "STARTTLS is not offered inside TLS: " + extensions);
                send(out, "STARTTLS\r\n");
                assertEquals("503 5.5.1 TLS already active (#5.5.1)", DialogueTest.readLine(in));

                send(out, "MAIL FROM:<a@x.test>\r\nRCPT TO:<bob@local.test>\r\nDATA\r\n");
                for (int i = 0; i < 3; i++) {
                    DialogueTest.readLine(in);
                }
                send(out, "Subject: secret\r\n\r\nover TLS\r\n.\r\n");
                assertTrue(DialogueTest.readLine(in).startsWith("250 2.0.0 ok "));
                List<QueueId> ids = server.queue.list();
                try (InputStream message = server.queue.read(ids.get(0)).openMessage()) {
                    String text = new String(message.readAllBytes(), StandardCharsets.US_ASCII);
                    assertTrue(text.matches("(?s)Received: from client\\.example \\(\\[127\\.0\\.0\\.1\\]\\)\r\n"
                            + "\tby mx\\.test \\(Godshell Toaster\\) with ESMTPS \\(TLSv1\\.[23] TLS_\\S+\\) id .*"), text);
                }
            }
        }
    }

    @Test
    void sniChoosesTheCertificateForTheNameTheClientAsksFor() throws Exception {
        String other = SelfSigned.create("other.test");
        Map<String, String> control = TestServer.defaults();
        control.put("servercert.pem", pem);
        java.nio.file.Files.createDirectories(root.resolve("control/servercerts"));
        control.put("servercerts/other.pem", other);
        try (TestServer server = new TestServer(root, control)) {
            for (String[] client : new String[][] {{"other.test", other}, {"mx.test", pem}, {"unknown.test", pem}}) {
                try (Socket plain = new Socket(server.address().getAddress(), server.address().getPort())) {
                    plain.setSoTimeout(5000);
                    DialogueTest.readLine(plain.getInputStream());
                    send(plain.getOutputStream(), "STARTTLS\r\n");
                    DialogueTest.readLine(plain.getInputStream());
                    String expectName = client[0].equals("unknown.test") ? "mx.test" : client[0];
                    try (SSLSocket tls = handshakeWithoutNameCheck(plain, client[1], client[0])) {
                        assertEquals("CN=" + expectName, ((X509Certificate) tls.getSession().getPeerCertificates()[0])
                                .getSubjectX500Principal().getName());
                    }
                }
            }
        }
    }

    /** A TLS client that trusts only {@code trusted}'s certificate and asks for {@code sni}; no name check. */
    private static SSLSocket handshakeWithoutNameCheck(Socket plain, String trusted, String sni) throws Exception {
        SSLContext context = TrustOnly.certificateIn(trusted);
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, sni, plain.getPort(), true);
        var parameters = tls.getSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(sni)));
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        return tls;
    }

    /** The subject of the certificate served after STARTTLS, trusting whatever {@code trusted} holds. */
    private static String served(TestServer server, String trusted) throws Exception {
        try (Socket plain = new Socket(server.address().getAddress(), server.address().getPort())) {
            plain.setSoTimeout(5000);
            DialogueTest.readLine(plain.getInputStream());
            send(plain.getOutputStream(), "STARTTLS\r\n");
            DialogueTest.readLine(plain.getInputStream());
            try (SSLSocket tls = handshakeWithoutNameCheck(plain, trusted, "mx.test")) {
                return ((X509Certificate) tls.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
            }
        }
    }

    @Test
    void aRenewedCertificateIsServedWithoutARestartAndABrokenOneIsNot() throws Exception {
        String renewed = SelfSigned.create("renewed.test");
        try (TestServer server = server()) {
            Path file = root.resolve("control/servercert.pem");
            assertEquals("CN=mx.test", served(server, pem));
            java.nio.file.Files.writeString(file, renewed);
            java.nio.file.Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(1_000_000));
            assertEquals("CN=renewed.test", served(server, renewed));
            java.nio.file.Files.writeString(file, "-----BEGIN GARBAGE-----\n");
            assertEquals("CN=renewed.test", served(server, renewed), "a broken file keeps the last good one");
            assertTrue(server.log().contains("tls: keeping the previous certificates: " + file), server.log());
        }
    }

    @Test
    void onTheSmtpsPortTlsStartsBeforeTheGreeting() throws Exception {
        Map<String, String> control = TestServer.defaults();
        control.put("servercert.pem", pem);
        control.put("listen-smtps", "127.0.0.1:0\n");
        try (TestServer server = new TestServer(root, control);
                Socket plain = new Socket("127.0.0.1", server.server.addresses().get(1).getPort())) {
            plain.setSoTimeout(5000);
            try (SSLSocket tls = handshake(plain)) {
                assertEquals("220 mx.test ESMTP", DialogueTest.readLine(tls.getInputStream()));
                List<String> extensions = ehlo(tls.getInputStream(), tls.getOutputStream());
                assertTrue(extensions.stream().noneMatch(line -> line.contains("STARTTLS")), extensions.toString());
            }
        }
    }

    @Test
    void smtpsWithoutACertificateStopsTheServerAtStart() {
        Map<String, String> control = TestServer.defaults();
        control.put("listen-smtps", "127.0.0.1:0\n");
        org.godshell.toaster.config.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.godshell.toaster.config.ConfigException.class, () -> new TestServer(root, control));
        assertTrue(e.getMessage().contains("listen-smtps: asks for TLS on connect"), e.getMessage());
    }

    @Test
    void withoutACertificateStartTlsIsNeitherOfferedNorServed() throws Exception {
        try (TestServer server = new TestServer(root, TestServer.defaults());
                Socket plain = new Socket(server.address().getAddress(), server.address().getPort())) {
            plain.setSoTimeout(5000);
            DialogueTest.readLine(plain.getInputStream());
            assertTrue(ehlo(plain.getInputStream(), plain.getOutputStream()).stream()
                    .noneMatch(line -> line.contains("STARTTLS")));
            send(plain.getOutputStream(), "STARTTLS\r\n");
            assertEquals("502 5.5.1 unimplemented (#5.5.1)", DialogueTest.readLine(plain.getInputStream()));
        }
    }

    @Test
    void startTlsTakesNoArguments() throws Exception {
        try (TestServer server = server(); Socket plain = new Socket(server.address().getAddress(),
                server.address().getPort())) {
            plain.setSoTimeout(5000);
            DialogueTest.readLine(plain.getInputStream());
            send(plain.getOutputStream(), "STARTTLS now\r\n");
            assertTrue(DialogueTest.readLine(plain.getInputStream()).startsWith("501 5.5.4 "));
        }
    }
}
