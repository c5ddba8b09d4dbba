package org.godshell.toaster.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Optional;

/**
 * The one page: {@code /metrics}, by {@code GET} or {@code HEAD}, with the token when there is one. The order of
 * the checks keeps what a stranger learns small: a wrong path is 404 and a wrong method 405 whoever asks (they
 * say nothing about the metrics), then a missing or wrong token is 401 (RFC 6750 §3) without saying which, then
 * a request with a body is 413. Only then is the page written, by the Prometheus client's handler or by
 * {@link Gathering}.
 */
final class ScrapeHandler implements HttpHandler {

    static final String PATH = "/metrics";

    private final Optional<BearerToken> token;
    private final HttpHandler metrics;

    ScrapeHandler(Optional<BearerToken> token, HttpHandler metrics) {
        this.token = token;
        this.metrics = metrics;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!PATH.equals(exchange.getRequestURI().getRawPath())) {
                reply(exchange, 404);
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                reply(exchange, 405);
            } else if (token.isPresent()
                    && !token.get().admits(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"metrics\"");
                reply(exchange, 401);
            } else if (hasBody(exchange)) {
                reply(exchange, 413);
            } else if (method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                exchange.sendResponseHeaders(200, -1);
            } else {
                metrics.handle(exchange);
            }
        }
    }

    /** A GET has no body (RFC 9110 §9.3.1); one that sends one is not a scraper, and it is not read. */
    private static boolean hasBody(HttpExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        return exchange.getRequestHeaders().containsKey("Transfer-Encoding")
                || length != null && !length.strip().equals("0");
    }

    private static void reply(HttpExchange exchange, int status) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, -1);
    }
}
