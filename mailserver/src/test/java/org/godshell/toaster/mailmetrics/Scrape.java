package org.godshell.toaster.mailmetrics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One scrape of an endpoint over loopback, as Prometheus makes it. */
final class Scrape {

    static final String PROMETHEUS_TEXT = "text/plain;version=0.0.4";
    static final String OPENMETRICS = "application/openmetrics-text;version=1.0.0";

    private Scrape() {
    }

    static HttpResponse<String> get(String url, String accept, String... headers) throws Exception {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", accept)
                    .timeout(Duration.ofSeconds(60));
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
