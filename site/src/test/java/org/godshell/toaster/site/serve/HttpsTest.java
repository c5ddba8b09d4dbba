package org.godshell.toaster.site.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wiki over HTTPS: pages and security headers (HSTS only there), plain HTTP answered with a 308 to the
 * configured host (never the client's Host header) and the bound port, only the caller's cipher suites. The
 * certificate is a fresh self-signed one made with the JDK's keytool; the client trusts exactly that certificate.
 * (Which versions and suites the toaster gives is mailserver's ServerTls's choice, tested there.)
 */
class HttpsTest {

    @TempDir
    Path dir;

    private WikiServer server;
    private SSLContext clientTls;

    @BeforeEach
    void start() throws Exception {
        TestTls tls = TestTls.create(dir);
        clientTls = tls.client();
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<!DOCTYPE html><title>Home</title><p>home page</p>\n");
        Files.writeString(site.resolve("Page.html"), "<!DOCTYPE html><title>Page</title><p>a page</p>\n");
        Files.writeString(site.resolve("404.html"), "<!DOCTYPE html><title>Missing</title><p>no such page</p>\n");
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        server = new WikiServer(new WikiServer.Settings(site, List.of(any), List.of(any),
                Optional.of(tls.wikiTls()), "wiki.test"),
                Optional.empty(), line -> { });
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pagesComeOverHttpsWithTheSecurityHeadersAndHsts() throws Exception {
        int port = server.httpsAddresses().getFirst().getPort();
        try (HttpClient client = HttpClient.newBuilder().sslContext(clientTls).build()) {
            HttpResponse<String> page = get(client, "https://127.0.0.1:" + port + "/Page.html");
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("a page"), page.body());
            assertEquals("max-age=31536000", page.headers().firstValue("Strict-Transport-Security").orElse(""));
            assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
            HttpResponse<String> missing = get(client, "https://127.0.0.1:" + port + "/nowhere.html");
            assertEquals(404, missing.statusCode());
            assertTrue(missing.body().contains("no such page"), missing.body());
        }
    }

    @Test
    void plainHttpIsSentToTheConfiguredHostOverHttpsWithThePathKept() throws Exception {
        int http = server.httpAddresses().getFirst().getPort();
        int https = server.httpsAddresses().getFirst().getPort();
        try (HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()) {
            HttpResponse<String> redirect = get(client, "http://127.0.0.1:" + http + "/Page.html?x=1");
            assertEquals(308, redirect.statusCode());
            assertEquals("https://wiki.test:" + https + "/Page.html?x=1",
                    redirect.headers().firstValue("Location").orElse(""));
            assertTrue(redirect.headers().firstValue("Strict-Transport-Security").isEmpty(),
                    "HSTS is only sent over HTTPS (RFC 6797 §7.2)");
        }
    }

    /**
     * Jetty's own choice would also take TLS 1.2 suites with CBC (testssl.sh's "obsolete CBC ciphers") and with
     * finite-field DHE; only the given suites are served.
     */
    @Test
    void onlyTheGivenCipherSuitesAreServed() throws Exception {
        assertEquals("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", handshake("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"));
        for (String other : List.of("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
                "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256")) {
            assertThrows(SSLHandshakeException.class, () -> handshake(other), other);
        }
    }

    /** The suite a TLS 1.2 client offering only {@code suite} gets. */
    private String handshake(String suite) throws IOException {
        int port = server.httpsAddresses().getFirst().getPort();
        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), port);
                SSLSocket tls = (SSLSocket) clientTls.getSocketFactory().createSocket(plain, "wiki.test", port, true)) {
            plain.setSoTimeout(20_000);                                 // a safety net only: the answer comes at once
            tls.setEnabledProtocols(new String[] {"TLSv1.2"});
            tls.setEnabledCipherSuites(new String[] {suite});
            tls.startHandshake();
            return tls.getSession().getCipherSuite();
        }
    }

    /**
     * A client may not renegotiate TLS 1.2 (issue 18 §3: repeated full handshakes exhaust the CPU). This module's
     * tests never set the JVM's {@code jdk.tls.rejectClientInitiatedRenegotiation}, so here Jetty refuses it
     * itself (with it, the JDK does: see {@link WikiTls}).
     */
    @Test
    void aClientInitiatedRenegotiationIsNotServed() throws Exception {
        int port = server.httpsAddresses().getFirst().getPort();
        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), port);
                SSLSocket tls = (SSLSocket) clientTls.getSocketFactory().createSocket(plain, "wiki.test", port, true)) {
            plain.setSoTimeout(20_000);                                 // a safety net only: Jetty closes at once
            tls.setEnabledProtocols(new String[] {"TLSv1.2"});          // TLS 1.3 has no renegotiation at all
            tls.startHandshake();
            tls.startHandshake();                                       // TLS 1.2: a new ClientHello
            assertEquals("", answer(tls), "the renegotiated connection must not be served");
        }
    }

    /** What the server answers a request on {@code tls}; empty when it closes or fails the connection instead. */
    private static String answer(SSLSocket tls) {
        try {
            tls.getOutputStream().write("GET /Page.html HTTP/1.1\r\nHost: wiki.test\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            tls.getOutputStream().flush();
            return new String(tls.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return "";
        }
    }
}
