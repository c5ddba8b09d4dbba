package org.godshell.toaster.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The endpoint over loopback, spoken to byte by byte so that odd requests reach it as written. */
class MetricsEndpointTest {

    private static final String TOKEN = "dGhlLW1ldHJpY3MtdG9rZW4tb2YtYS10ZXN0";

    private MetricsEndpoint endpoint;

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private MetricsEndpoint start(Optional<BearerToken> token) throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        Counter.builder().name("toaster_test_events_total").help("events of the test").register(registry).inc(3);
        endpoint = MetricsEndpoint.start(new EndpointSettings("smtpd",
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), token, Optional.empty()), registry,
                List.of(), "control/metricstoken", "control/servercert.pem");
        return endpoint;
    }

    /** Sends {@code request} as it is and returns the whole answer (the server closes: Connection: close). */
    static String exchange(InetSocketAddress address, String request) throws IOException {
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    static String get(InetSocketAddress address, String method, String path, String... headers) throws IOException {
        StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        return exchange(address, request.append("Connection: close\r\n\r\n").toString());
    }

    private static int status(String answer) {
        return Integer.parseInt(answer.substring(9, 12));
    }

    @Test
    void servesTheRegistryAtMetrics() throws Exception {
        String answer = get(start(Optional.empty()).address(), "GET", "/metrics");
        assertEquals(200, status(answer), answer);
        assertTrue(answer.contains("toaster_test_events_total 3.0"), answer);
    }

    @Test
    void headAnswersWithoutABody() throws Exception {
        String answer = get(start(Optional.empty()).address(), "HEAD", "/metrics");
        assertEquals(200, status(answer), answer);
        assertFalse(answer.contains("toaster_test_events_total"), answer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/metricsx", "/metrics/", "/-/healthy", "/metrics/../metrics", "/%6detrics",
            "/METRICS", "//metrics", "/index.html", "/metrics%00"})
    void everyOtherPathIs404(String path) throws Exception {
        assertEquals(404, status(get(start(Optional.empty()).address(), "GET", path)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PATCH", "PROPFIND"})
    void everyOtherMethodIs405(String method) throws Exception {
        String answer = get(start(Optional.empty()).address(), method, "/metrics", "Content-Length: 0");
        assertEquals(405, status(answer), answer);
        assertTrue(answer.contains("Allow: GET, HEAD"), answer);
    }

    @Test
    void aRequestWithABodyIsNotRead() throws Exception {
        String answer = get(start(Optional.empty()).address(), "GET", "/metrics", "Content-Length: 5")
                .toString();
        assertEquals(413, status(answer), answer);
        assertFalse(answer.contains("toaster_test_events_total"));
    }

    @Test
    void aMissingTokenIs401() throws Exception {
        String answer = get(start(Optional.of(BearerToken.of(TOKEN))).address(), "GET", "/metrics");
        assertEquals(401, status(answer), answer);
        assertTrue(answer.toLowerCase(java.util.Locale.ROOT).contains("www-authenticate: bearer"), answer);
        assertFalse(answer.contains("toaster_test_events_total"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Authorization: Bearer wrong-token-of-some-length", "Authorization: Basic " + TOKEN,
            "Authorization: Bearer " + TOKEN + "x", "Authorization: Bearer", "Authorization: " + TOKEN})
    void aWrongTokenIs401(String header) throws Exception {
        String answer = get(start(Optional.of(BearerToken.of(TOKEN))).address(), "GET", "/metrics", header);
        assertEquals(401, status(answer), answer);
        assertFalse(answer.contains("toaster_test_events_total"));
    }

    @Test
    void theRightTokenGetsTheMetrics() throws Exception {
        String answer = get(start(Optional.of(BearerToken.of(TOKEN))).address(), "GET", "/metrics",
                "Authorization: Bearer " + TOKEN);
        assertEquals(200, status(answer), answer);
        assertTrue(answer.contains("toaster_test_events_total 3.0"), answer);
    }

    @Test
    void aWrongPathIs404EvenWithoutTheToken() throws Exception {
        assertEquals(404, status(get(start(Optional.of(BearerToken.of(TOKEN))).address(), "GET", "/")));
    }

    /** Refused with an error status, or cut (the JDK resets a connection whose headers overflow its limit). */
    @Test
    void hugeHeadersAreRefused() throws Exception {
        InetSocketAddress address = start(Optional.empty()).address();
        String answer;
        try {
            answer = get(address, "GET", "/metrics", "X-Big: " + "a".repeat(100_000));
        } catch (java.net.SocketException e) {
            answer = "cut: " + e.getMessage();
        }
        assertFalse(answer.startsWith("HTTP/1.1 200"), answer.length() > 200 ? answer.substring(0, 200) : answer);
        assertEquals(200, status(get(address, "GET", "/metrics")), "the endpoint serves on");
    }

    /**
     * A client that sends half a request and waits is cut once its request time (10 s) is over: the read ends,
     * with end of stream or a reset, long before the guard of a minute.
     */
    @Test
    void aSlowClientIsCut() throws Exception {
        InetSocketAddress address = start(Optional.empty()).address();
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: loc".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer;
            try {
                answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.net.SocketTimeoutException e) {
                answer = "still open after a minute";
            } catch (java.net.SocketException e) {
                answer = "";                                    // reset: cut
            }
            assertFalse(answer.startsWith("still open") || answer.contains("toaster_test_events_total"), answer);
        }
    }

    @Test
    void theServerLimitsAreInPlace() throws Exception {
        start(Optional.empty());
        ServerLimits.LIMITS.forEach((name, value) -> assertEquals(value, System.getProperty(name), name));
    }

    @Test
    void aPortInUseIsAClearError() throws Exception {
        InetSocketAddress taken = start(Optional.empty()).address();
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> MetricsEndpoint.start(new EndpointSettings("pop3d", taken, Optional.empty(), Optional.empty()),
                        new PrometheusRegistry(), List.of(), "t", "c"));
        assertTrue(e.getMessage().startsWith("pop3d: cannot listen for metrics on 127.0.0.1:"), e.getMessage());
    }
}
