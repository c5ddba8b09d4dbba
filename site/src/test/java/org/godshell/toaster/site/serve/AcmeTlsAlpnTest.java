package org.godshell.toaster.site.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.godshell.toaster.site.tlsalpn.AcmeTlsAlpn;
import org.godshell.toaster.site.tlsalpn.ValidationCertificates;
import org.godshell.toaster.site.tlsalpn.ValidationFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS-ALPN-01 on the wiki's HTTPS listener (RFC 8737), with a real TLS client: offering only {@code acme-tls/1}
 * for a name with a validation file gets that protocol, the validation certificate and then a closed connection;
 * for a name without one, or over TLS 1.2, a failed handshake; every other client the server's own certificate,
 * no ALPN answer, and its pages.
 */
class AcmeTlsAlpnTest {

    private static final String NAME = "mail.example.test";

    @TempDir
    Path dir;

    private WikiServer server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        TestTls tls = TestTls.create(dir);
        Path challenges = Files.createDirectories(dir.resolve("tls-alpn-01"));
        ValidationFiles.write(challenges, NAME);
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<!DOCTYPE html><title>Home</title><p>home page</p>\n");
        SSLContext context = WikiTls.acmeTlsAlpnContext(tls.keys(), new ValidationCertificates(challenges));
        WikiTls wikiTls = new WikiTls(context, List.of("TLSv1.3", "TLSv1.2"), TestTls.SUITES, true);
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        server = new WikiServer(new WikiServer.Settings(site, List.of(), List.of(any), Optional.of(wikiTls),
                "wiki.test"), Optional.empty(), line -> { });
        server.start();
        port = server.httpsAddresses().getFirst().getPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void acmeTls1ForANameWithAFileGetsItsValidationCertificateAndNoHttp() throws Exception {
        try (SSLSocket socket = connect(NAME, "TLSv1.3", AcmeTlsAlpn.PROTOCOL)) {
            socket.startHandshake();
            assertEquals(AcmeTlsAlpn.PROTOCOL, socket.getApplicationProtocol());
            X509Certificate presented = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            assertEquals(List.of(List.of(2, NAME)), List.copyOf(presented.getSubjectAlternativeNames()));
            assertTrue(presented.getCriticalExtensionOIDs().contains("1.3.6.1.5.5.7.1.31"));
            byte[] extension = presented.getExtensionValue("1.3.6.1.5.5.7.1.31");
            assertArrayEquals(ValidationFiles.digest(), Arrays.copyOfRange(extension, 4, 36));
            // RFC 8737 §4: the connection carries nothing after the handshake; the server has closed it.
            assertEquals("", answerTo(socket));
        }
    }

    @Test
    void acmeTls1ForANameWithoutAFileFailsTheHandshake() throws Exception {
        for (String name : List.of("other.example.test", "MAIL.EXAMPLE.TEST", "wiki.test")) {
            try (SSLSocket socket = connect(name, "TLSv1.3", AcmeTlsAlpn.PROTOCOL)) {
                assertThrows(SSLException.class, socket::startHandshake, name);
            }
        }
    }

    @Test
    void acmeTls1WithoutAnyNameFailsTheHandshake() throws Exception {
        try (SSLSocket socket = connect(null, "TLSv1.3", AcmeTlsAlpn.PROTOCOL)) {
            assertThrows(SSLException.class, socket::startHandshake);
        }
    }

    @Test
    void acmeTls1OverTls12FailsRatherThanNegotiatingItWithTheServersCertificate() throws Exception {
        try (SSLSocket socket = connect(NAME, "TLSv1.2", AcmeTlsAlpn.PROTOCOL)) {
            assertThrows(SSLException.class, socket::startHandshake);
        }
    }

    @Test
    void everyOtherClientGetsTheServersCertificateAndThePages() throws Exception {
        List<List<String>> offers = List.of(List.of(), List.of("h2", "http/1.1"), List.of("http/1.1"));
        for (String version : List.of("TLSv1.3", "TLSv1.2")) {
            for (List<String> offer : offers) {
                try (SSLSocket socket = connect(NAME, version, offer.toArray(String[]::new))) {
                    socket.startHandshake();
                    assertEquals("", socket.getApplicationProtocol(), version + " " + offer);
                    X509Certificate presented = (X509Certificate) socket.getSession().getPeerCertificates()[0];
                    assertEquals("CN=wiki.test", presented.getSubjectX500Principal().getName());
                    String answer = answerTo(socket);
                    assertTrue(answer.startsWith("HTTP/1.1 200") && answer.contains("home page"), answer);
                }
            }
        }
    }

    /** What the server says to a request for the home page, to the end of the connection. */
    private static String answerTo(SSLSocket socket) throws IOException {
        try {
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + NAME + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";                                                  // closed under the request: no answer
        }
    }

    /** A client that offers {@code protocols} by ALPN, names {@code sni} and trusts any certificate, to look at it. */
    private SSLSocket connect(String sni, String version, String... protocols) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new AnyCertificate()}, null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                port);
        socket.setSoTimeout(30_000);                                    // a hung server fails the test, no timing
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
        parameters.setApplicationProtocols(protocols);
        parameters.setProtocols(new String[] {version});
        socket.setSSLParameters(parameters);
        return socket;
    }

    /** The CA's view: the validation certificate is self-signed, and judged by its content, not its issuer. */
    private static final class AnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("this trust manager judges servers only");
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
