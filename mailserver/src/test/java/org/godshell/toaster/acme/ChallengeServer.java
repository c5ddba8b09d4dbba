package org.godshell.toaster.acme;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the wiki's server does for HTTP-01 (its own route is tested in site), reduced to this package's tests:
 * the answers under {@code /.well-known/acme-challenge/}, from the ACME directory; {@link #answering} off makes
 * every answer a 404, as when nothing listens for the host on port 80.
 */
final class ChallengeServer implements AutoCloseable {

    private final HttpServer server;
    private volatile boolean answering = true;

    ChallengeServer(Path challenges) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/.well-known/acme-challenge/", exchange -> {
            String token = exchange.getRequestURI().getRawPath().substring("/.well-known/acme-challenge/".length());
            Path file = challenges.resolve(token);
            boolean found = answering && token.matches("[A-Za-z0-9_-]{1,128}") && Files.isRegularFile(file);
            byte[] body = found ? Files.readAllBytes(file) : "no such challenge\n".getBytes();
            exchange.sendResponseHeaders(found ? 200 : 404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    void answering(boolean on) {
        answering = on;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
