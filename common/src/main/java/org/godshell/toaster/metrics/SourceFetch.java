package org.godshell.toaster.metrics;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Asks a {@link MetricsSource} for its page in the text format, with the endpoints' token when there is one
 * (the daemons of a host share {@code metricstoken}). A page is at most {@link #MAX_PAGE} bytes; the caller
 * bounds the time. The JDK's client is made at the first scrape, so a daemon whose page nobody reads never
 * loads it.
 */
final class SourceFetch implements AutoCloseable {

    /** A daemon's page is some tens of kilobytes; a hundred times that is a fault, not a page. */
    static final int MAX_PAGE = 4 * 1024 * 1024;
    static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private final Optional<String> authorization;
    private HttpClient client;

    SourceFetch(Optional<BearerToken> token) {
        this.authorization = token.map(BearerToken::authorization);
    }

    /** The page, or a future failed with why not; {@code deadline} also bounds the wait for its headers. */
    synchronized CompletableFuture<String> fetch(MetricsSource source, Duration deadline) {
        if (client == null) {
            client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).proxy(HttpClient.Builder.NO_PROXY)
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(deadline).build();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(source.uri()).timeout(deadline)
                .header("Accept", TEXT_FORMAT).GET();
        authorization.ifPresent(value -> request.header("Authorization", value));
        return client.sendAsync(request.build(), answer -> answer.statusCode() == 200 ? new BoundedBody(MAX_PAGE)
                : HttpResponse.BodySubscribers.replacing(null)).thenApply(answer -> {
                    if (answer.statusCode() != 200) {
                        throw new CompletionException(new IOException(source.daemon() + " answered "
                                + answer.statusCode()));
                    }
                    return answer.body();
                });
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.shutdownNow();
        }
    }
}
