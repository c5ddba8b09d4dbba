package org.godshell.toaster.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPOutputStream;

/**
 * The page of an endpoint that gathers: its own registry, then each {@link MetricsSource}'s page, asked for all
 * at once and waited for until {@link #DEADLINE}, merged by {@link MergedPage} into one page in the text format.
 * A source that does not answer in time, answers with an error or sends a page over the limit is left out and
 * shows as {@code toaster_metrics_source_up{daemon="…"} 0}; the scrape itself never fails for it. The page is
 * gzipped when the scraper accepts it, as Prometheus does.
 */
final class Gathering implements HttpHandler, AutoCloseable {

    /** Prometheus's default scrape timeout is 10 s: the sources get half, leaving the rest for the answer. */
    static final Duration DEADLINE = Duration.ofSeconds(5);

    private final String daemon;
    private final PrometheusRegistry registry;
    private final List<MetricsSource> sources;
    private final SourceFetch fetch;

    Gathering(String daemon, PrometheusRegistry registry, List<MetricsSource> sources, Optional<BearerToken> token) {
        this.daemon = daemon;
        this.registry = registry;
        this.sources = List.copyOf(sources);
        this.fetch = new SourceFetch(token);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        byte[] page = page().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", SourceFetch.TEXT_FORMAT);
        String encodings = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        if (encodings != null && encodings.toLowerCase(Locale.ROOT).contains("gzip")) {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = new GZIPOutputStream(exchange.getResponseBody())) {
                out.write(page);
            }
        } else {
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        }
    }

    /** This daemon's figures and the sources' that answered in time, as one page. */
    String page() throws IOException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        Map<MetricsSource, CompletableFuture<String>> asked = new LinkedHashMap<>();
        for (MetricsSource source : sources) {
            asked.put(source, fetch.fetch(source, DEADLINE));
        }
        ByteArrayOutputStream own = new ByteArrayOutputStream(64 * 1024);
        PrometheusTextFormatWriter.create().write(own, registry.scrape());
        MergedPage merged = new MergedPage();
        merged.add(daemon, TextExposition.parse(own.toString(StandardCharsets.UTF_8)));
        for (Map.Entry<MetricsSource, CompletableFuture<String>> source : asked.entrySet()) {
            String daemonOf = source.getKey().daemon();
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                merged.add(daemonOf, TextExposition.parse(source.getValue().get(left, TimeUnit.NANOSECONDS)));
            } catch (ExecutionException | TimeoutException e) {
                source.getValue().cancel(true);
                merged.missing(daemonOf);
            } catch (InterruptedException e) {
                asked.values().forEach(pending -> pending.cancel(true));
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while gathering the daemons' metrics", e);
            }
        }
        return merged.text();
    }

    @Override
    public void close() {
        fetch.close();
    }
}
