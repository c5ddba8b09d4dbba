package org.godshell.toaster.acme;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.godshell.toaster.tls.ServerCertificate;

/**
 * A loopback HTTPS front for Pebble, which has no rate limits of its own: it serves Pebble's directory with the
 * newOrder URL pointing at itself (Pebble checks each signed request's URL, so everything else goes to Pebble
 * directly), and answers every new order 429 with an RFC 8555 §6.7 {@code rateLimited} problem and a
 * Retry-After of {@code retryAfterSeconds}.
 */
final class RateLimitingProxy implements AutoCloseable {

    private final HttpsServer server;
    private final HttpClient client;
    private final PebbleCa pebble;
    private final long retryAfterSeconds;

    RateLimitingProxy(PebbleCa pebble, long retryAfterSeconds) throws Exception {
        this.pebble = pebble;
        this.retryAfterSeconds = retryAfterSeconds;
        this.client = HttpClient.newBuilder().sslContext(PebbleCa.trusting(pebble.anchor())).build();
        ServerCertificate own = ServerCertificate.read(pebble.anchor().resolveSibling("proxy.pem"));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("proxy", own.key(), new char[0], own.chain().toArray(java.security.cert.Certificate[]::new));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, new char[0]);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(factory.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/dir", this::directory);
        server.createContext("/limited-order", this::limited);
        server.start();
    }

    URI directory() {
        return URI.create("https://localhost:" + server.getAddress().getPort() + "/dir");
    }

    private void directory(HttpExchange exchange) throws IOException {
        HttpResponse<String> answer;
        try {
            answer = client.send(HttpRequest.newBuilder(pebble.directory()).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        String body = answer.body().replaceAll("\"newOrder\"\\s*:\\s*\"[^\"]*\"",
                "\"newOrder\": \"https://localhost:" + server.getAddress().getPort() + "/limited-order\"");
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        send(exchange, 200, body.getBytes(StandardCharsets.UTF_8));
    }

    private void limited(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] problem = ("{\"type\":\"urn:ietf:params:acme:error:rateLimited\",\"detail\":\"too many new "
                + "orders for example.test this week\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        exchange.getResponseHeaders().set("Retry-After", Long.toString(retryAfterSeconds));
        send(exchange, 429, problem);
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, exchange.getRequestMethod().equals("HEAD") ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        client.close();
    }
}
