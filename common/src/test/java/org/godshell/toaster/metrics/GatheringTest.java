package org.godshell.toaster.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * smtpd's endpoint gathering other endpoints over loopback: real endpoints as sources, and sockets that behave
 * as a broken or hostile source would (silent, endless, refusing the token). Whatever a source does, the scrape
 * answers with smtpd's figures and marks the source down.
 */
class GatheringTest {

    private static final String TOKEN = "Z2F0aGVyaW5nLXRva2VuLW9mLWEtdGVzdA";

    @TempDir
    Path dir;

    private final LoopbackEndpoints endpoints = new LoopbackEndpoints();

    @AfterEach
    void close() throws Exception {
        endpoints.close();
    }

    private static String scrape(MetricsEndpoint endpoint, String... headers) throws IOException {
        String answer = MetricsEndpointTest.get(endpoint.address(), "GET", "/metrics", headers);
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        return answer.substring(answer.indexOf("\r\n\r\n") + 4);
    }

    @Test
    void oneScrapeHasEveryDaemonsFiguresWithTheToken() throws Exception {
        Promtool.requireOrSkip();
        Optional<BearerToken> token = Optional.of(BearerToken.of(TOKEN));
        MetricsEndpoint pop3d = endpoints.endpoint("pop3d", token, List.of());
        MetricsEndpoint wiki = endpoints.endpoint("wiki", token, List.of());
        MetricsEndpoint smtpd = endpoints.endpoint("smtpd", token, List.of(new MetricsSource("pop3d", pop3d.address()),
                new MetricsSource("wiki", wiki.address())));

        String page = scrape(smtpd, "Authorization: Bearer " + TOKEN);
        Promtool.check(dir, page);
        for (String daemon : List.of("smtpd", "pop3d", "wiki")) {
            assertTrue(page.contains("toaster_" + daemon + "_test_total 1.0"), page);
            assertTrue(page.contains("jvm_threads_current{daemon=\"" + daemon + "\"}"), page);
            assertTrue(page.contains("toaster_metrics_source_up{daemon=\"" + daemon + "\"} 1"), page);
        }
    }

    @Test
    void theAnswerIsGzippedWhenTheScraperTakesIt() throws Exception {
        MetricsEndpoint pop3d = endpoints.endpoint("pop3d", Optional.empty(), List.of());
        MetricsEndpoint smtpd = endpoints.endpoint("smtpd", Optional.empty(), List.of(new MetricsSource("pop3d",
                pop3d.address())));
        byte[] raw = rawBody(smtpd.address(), "Accept-Encoding: gzip");
        String page = new String(new GZIPInputStream(new ByteArrayInputStream(raw)).readAllBytes(),
                StandardCharsets.UTF_8);
        assertTrue(page.contains("toaster_pop3d_test_total 1.0"), page);
    }

    private static byte[] rawBody(InetSocketAddress address, String header) throws IOException {
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.getOutputStream().write(("GET /metrics HTTP/1.0\r\n" + header + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] all = socket.getInputStream().readAllBytes();
            String head = new String(all, StandardCharsets.ISO_8859_1);
            assertTrue(head.startsWith("HTTP/1.1 200") && head.contains("Content-encoding: gzip"), head);
            int body = head.indexOf("\r\n\r\n") + 4;
            return Arrays.copyOfRange(all, body, all.length);
        }
    }

    @Test
    void aSourceThatIsDownRefusesTheTokenOrSendsRubbishIsMarkedAndTheRestServed() throws Exception {
        MetricsEndpoint otherToken = endpoints.endpoint("pop3d", Optional.of(BearerToken.of(TOKEN)), List.of());
        InetSocketAddress nobody = LoopbackEndpoints.closedPort();
        String junk = "{{{ not a page\nok_gauge 1\nx \n";
        InetSocketAddress rubbish = endpoints.stranger(out -> out.write(("HTTP/1.1 200 OK\r\nContent-Length: "
                + junk.length() + "\r\n\r\n" + junk).getBytes(StandardCharsets.US_ASCII)));
        MetricsEndpoint smtpd = endpoints.endpoint("smtpd", Optional.empty(), List.of(
                new MetricsSource("pop3d", otherToken.address()), new MetricsSource("wiki", nobody),
                new MetricsSource("junk", rubbish)));

        String page = scrape(smtpd);
        assertTrue(page.contains("toaster_smtpd_test_total 1.0"), page);
        assertTrue(page.contains("toaster_metrics_source_up{daemon=\"pop3d\"} 0"), page);
        assertTrue(page.contains("toaster_metrics_source_up{daemon=\"wiki\"} 0"), page);
        assertTrue(page.contains("toaster_metrics_source_up{daemon=\"junk\"} 1"), page);
        assertTrue(page.contains("ok_gauge 1\n"), page);
        assertTrue(page.contains("toaster_metrics_source_dropped_lines{daemon=\"junk\"} 2"), page);
        assertFalse(page.contains("toaster_pop3d_test_total"), page);
    }

    @Test
    void aSilentSourceAndAnEndlessOneCostTheDeadlineAtMost() throws Exception {
        InetSocketAddress silent = endpoints.stranger(out -> {
            try {
                Thread.sleep(Long.MAX_VALUE);               // holds the connection until the test ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        InetSocketAddress endless = endpoints.stranger(out -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] line = "a_gauge 1\n".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
            while (true) {
                out.write(line);
            }
        });
        MetricsEndpoint smtpd = endpoints.endpoint("smtpd", Optional.empty(),
                List.of(new MetricsSource("pop3d", silent), new MetricsSource("wiki", endless)));

        String page = scrape(smtpd);
        assertTrue(page.contains("toaster_smtpd_test_total 1.0"), page);
        assertTrue(page.contains("toaster_metrics_source_up{daemon=\"pop3d\"} 0"), page);
        assertTrue(page.contains("toaster_metrics_source_up{daemon=\"wiki\"} 0"), page);
        assertFalse(page.contains("a_gauge"), "nothing of a page over the limit is kept");
    }

    @Test
    void onlyALoopbackSourceOnAKnownPortCanBeGathered() {
        for (InetSocketAddress address : List.of(new InetSocketAddress("0.0.0.0", 9588),
                LoopbackEndpoints.loopback(0), new InetSocketAddress("192.0.2.1", 9588))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new MetricsSource("pop3d", address));
            assertTrue(e.getMessage().startsWith("pop3d: only an endpoint on a loopback address"), e.getMessage());
        }
    }
}
