package org.godshell.toaster.acme;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.godshell.toaster.tls.SelfSigned;
import org.godshell.toaster.tls.ServerTls;
import org.junit.jupiter.api.Assumptions;

/**
 * Pebble, Let's Encrypt's test CA, as this test's child on free loopback ports: its HTTPS certificate a fresh
 * self-signed one for localhost ({@link #anchor}), its validation authority asking {@code dns} for names and
 * checking HTTP-01 on {@code httpPort} (and TLS-ALPN-01 on {@code tlsPort}), without its random sleeps or
 * rejected nonces. Ready once its directory answers.
 */
public final class PebbleCa implements AutoCloseable {

    static final Path PEBBLE = Path.of("/usr/bin/pebble");

    private final Process process;
    private final int port;
    private final int management;
    private final Path anchor;
    private final HttpClient client;

    private PebbleCa(Process process, int port, int management, Path anchor, HttpClient client) {
        this.process = process;
        this.port = port;
        this.management = management;
        this.anchor = anchor;
        this.client = client;
    }

    /** Skipped with the reason where pebble is not installed; under CI it must run, so it fails there. */
    public static void require() {
        if (Files.isExecutable(PEBBLE)) {
            return;
        }
        String why = PEBBLE + " is not installed; install it with: apt-get install -y pebble";
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true, so the Pebble tests must run, but " + why);
        }
        Assumptions.abort("skipped: " + why);
    }

    public static PebbleCa start(Path dir, int httpPort, String dns, Duration validity) throws Exception {
        return start(dir, httpPort, freePort(), dns, validity);
    }

    /** With TLS-ALPN-01 (RFC 8737) checked on {@code tlsPort}: the test's HTTPS listener. */
    public static PebbleCa start(Path dir, int httpPort, int tlsPort, String dns, Duration validity)
            throws Exception {
        // ServerTls sets a JSSE property (no client-initiated renegotiation) that JSSE reads once, at its first
        // use in the JVM: these tests' HTTPS clients must not be that first use, or later server tests run
        // without it, unlike the daemons, whose first TLS is always ServerTls's.
        ServerTls.protocols();
        String both = SelfSigned.create("localhost");
        int split = both.indexOf("-----BEGIN CERTIFICATE-----");
        Path key = Files.writeString(dir.resolve("pebble-key.pem"), both.substring(0, split));
        Path pem = Files.writeString(dir.resolve("pebble.pem"), both.substring(split));
        Files.writeString(dir.resolve("proxy.pem"), both);                // the same certificate, for a test's proxy
        int port = freePort();
        int management = freePort();
        Path config = dir.resolve("pebble-config.json");
        Files.writeString(config, """
                {"pebble": {"listenAddress": "127.0.0.1:%d", "managementListenAddress": "127.0.0.1:%d",
                  "certificate": "%s", "privateKey": "%s", "httpPort": %d, "tlsPort": %d,
                  "ocspResponderURL": "", "externalAccountBindingRequired": false,
                  "certificateValidityPeriod": %d}}
                """.formatted(port, management, pem, key, httpPort, tlsPort, validity.toSeconds()));
        ProcessBuilder builder = new ProcessBuilder(PEBBLE.toString(), "-config", config.toString(), "-dnsserver",
                dns, "-strict=false").redirectErrorStream(true).redirectOutput(dir.resolve("pebble.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("PEBBLE_VA_NOSLEEP", "1");
        env.put("PEBBLE_WFE_NONCEREJECT", "0");
        env.put("PEBBLE_AUTHZREUSE", "0");
        Process process = builder.start();
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(pem)).build();
        PebbleCa ca = new PebbleCa(process, port, management, pem, client);
        ca.awaitDirectory(dir.resolve("pebble.log"));
        return ca;
    }

    public URI directory() {
        return URI.create("https://localhost:" + port + "/dir");
    }

    int port() {
        return port;
    }

    /** The PEM of Pebble's own HTTPS certificate: the ca.pem an ACME client needs to talk to it. */
    public Path anchor() {
        return anchor;
    }

    /** The root Pebble issues under, from its management API (it makes a new one at each start). */
    public X509Certificate root() throws Exception {
        HttpResponse<byte[]> answer = client.send(HttpRequest.newBuilder(URI.create("https://localhost:"
                + management + "/roots/0")).build(), HttpResponse.BodyHandlers.ofByteArray());
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(answer.body()));
    }

    /** Polls the directory until it answers; fails, with Pebble's log, if Pebble exits first. */
    private void awaitDirectory(Path log) throws Exception {
        for (int attempt = 0; ; attempt++) {
            if (!process.isAlive()) {
                fail("pebble exited: " + Files.readString(log, StandardCharsets.UTF_8));
            }
            try {
                HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(directory()).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                if (attempt > 600) {
                    fail("pebble never answered at " + directory() + ": " + e.getMessage());
                }
            }
            Thread.sleep(100);                                           // a poll interval, not a wait for an event
        }
    }

    static SSLContext trusting(Path pem) throws Exception {
        KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
        anchors.load(null, null);
        anchors.setCertificateEntry("pebble", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem))));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        client.close();
        process.destroy();
        process.waitFor();
    }
}
