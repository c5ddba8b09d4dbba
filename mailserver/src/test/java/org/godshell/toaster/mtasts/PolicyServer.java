package org.godshell.toaster.mtasts;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.godshell.toaster.tls.ServerCertificate;
import org.godshell.toaster.tls.ServerTls;

/**
 * A policy host on an ephemeral loopback port (the JDK's HTTPS server): serves what the test sets at
 * {@code /.well-known/mta-sts.txt} with the certificate it was made with, and counts the requests.
 */
public final class PolicyServer implements AutoCloseable {

    private final HttpsServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int status = 200;
    private volatile String contentType = "text/plain";
    private volatile byte[] body = new byte[0];
    private volatile String location;

    public PolicyServer(ServerCertificate certificate) throws Exception {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ServerTls.of(certificate).context()));
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            try (exchange) {
                if (!exchange.getRequestURI().getPath().equals("/.well-known/mta-sts.txt")) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", contentType);
                if (location != null) {
                    exchange.getResponseHeaders().set("Location", location);
                }
                exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                } catch (IOException e) {
                    // The client stopped reading (a body over its limit): what the test is about.
                }
            }
        });
        server.start();
    }

    public PolicyServer serve(String policy) {
        return serve(200, "text/plain; charset=utf-8", policy.getBytes(StandardCharsets.UTF_8));
    }

    public PolicyServer serve(int code, String type, byte[] content) {
        status = code;
        contentType = type;
        body = content.clone();
        return this;
    }

    public PolicyServer redirect(String to) {
        location = to;
        return serve(301, "text/plain", "moved".getBytes(StandardCharsets.US_ASCII));
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
