package org.godshell.toaster.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.godshell.toaster.site.serve.WikiServer;
import org.godshell.toaster.site.serve.WikiTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wiki's web server (Jetty, its own TLS engine) serves a renewed certificate from the next handshake, keeps
 * the last good one when the file breaks, and chooses by SNI as the mail server does.
 */
class ReloadingTlsTest {

    @TempDir
    Path temp;

    @Test
    void theWebServerServesARenewedCertificateWithoutARestart() throws Exception {
        Path control = Files.createDirectories(temp.resolve("control"));
        Path file = control.resolve("servercert.pem");
        String first = SelfSigned.create("first.test");
        String other = SelfSigned.create("other.test");
        String renewed = SelfSigned.create("renewed.test");
        Files.writeString(file, first);
        Files.createDirectories(control.resolve("servercerts"));
        Files.writeString(control.resolve("servercerts/other.pem"), other);
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        TlsSource source = TlsSource.watch(control, log::add).orElseThrow();
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        SSLContext context = source.reloadingContext();
        WikiTls https = new WikiTls(context, ServerTls.protocols(), ServerTls.cipherSuites(context));
        WikiServer server = new WikiServer(new WikiServer.Settings(Files.createDirectories(temp.resolve("site")),
                List.of(), List.of(any), Optional.of(https), "first.test"), Optional.empty(), log::add);
        server.start();
        try {
            int port = server.httpsAddresses().getFirst().getPort();
            assertEquals("CN=first.test", served(port, first, "first.test"));
            assertEquals("CN=other.test", served(port, other, "other.test"), "SNI picks servercerts/other.pem");

            Files.writeString(file, renewed);
            Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000));
            assertEquals("CN=renewed.test", served(port, renewed, "renewed.test"));
            assertTrue(log.contains("tls: certificates reloaded from " + control), log.toString());

            Files.writeString(file, "-----BEGIN GARBAGE-----\n");
            assertEquals("CN=renewed.test", served(port, renewed, "renewed.test"),
                    "a broken file keeps the last good certificate");
            assertTrue(log.stream().anyMatch(line -> line.startsWith("tls: keeping the previous certificates: ")),
                    log.toString());
        } finally {
            server.stop();
        }
    }

    /** The subject of the certificate the server shows, to a client that trusts only {@code trusted}'s. */
    private static String served(int port, String trusted, String sni) throws Exception {
        SSLContext context = TrustOnly.certificateIn(trusted);
        try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            tls.setSoTimeout(10_000);
            var parameters = tls.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(sni)));
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            return ((X509Certificate) tls.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
        }
    }
}
