package org.godshell.toaster.tlsrpt.send;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.godshell.toaster.tls.SelfSigned;
import org.godshell.toaster.tls.ServerCertificate;
import org.godshell.toaster.tls.ServerTls;
import org.godshell.toaster.tls.TrustOnly;

/**
 * A loopback HTTPS endpoint for reports, with a self-signed certificate for {@code localhost}: it keeps every
 * request it gets and answers {@code 200}, or {@code 302} to plain http at {@code /moved}.
 */
final class ReportServer implements AutoCloseable {

    record Request(String method, String path, String contentType, byte[] body) {}

    private final HttpsServer server;
    private final String pem;
    final List<Request> requests = new CopyOnWriteArrayList<>();

    ReportServer(Path dir) throws Exception {
        pem = SelfSigned.create("localhost");
        Path file = dir.resolve("cert.pem");
        Files.writeString(file, pem);
        ServerCertificate certificate = ServerCertificate.read(file);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", certificate.key(), new char[0],
                certificate.chain().toArray(new Certificate[0]));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // The toaster's server protocols; asking ServerTls first also sets the JVM-wide renegotiation switch it
        // owns before this server's first handshake, which other tests in this JVM rely on.
        String[] protocols = ServerTls.protocols().toArray(String[]::new);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters parameters) {
                parameters.setProtocols(protocols);
            }
        });
        server.createContext("/", exchange -> {
            try (exchange) {
                requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        exchange.getRequestBody().readAllBytes()));
                if (exchange.getRequestURI().getPath().equals("/moved")) {
                    exchange.getResponseHeaders().add("Location", "http://localhost:1/elsewhere");
                    exchange.sendResponseHeaders(302, -1);
                } else {
                    exchange.sendResponseHeaders(200, -1);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        server.start();
    }

    URI uri(String path) {
        return URI.create("https://localhost:" + server.getAddress().getPort() + path);
    }

    /** A client context that trusts this server's certificate only. */
    SSLContext trust() throws Exception {
        return TrustOnly.certificateIn(pem);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
