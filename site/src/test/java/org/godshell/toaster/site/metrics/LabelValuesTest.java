package org.godshell.toaster.site.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.godshell.toaster.metrics.Samples;
import org.godshell.toaster.site.serve.RouteClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No label carries what a client sent: hostile paths, methods, hosts, huge headers and pushes with hostile user
 * names go through a real server on loopback, then every label value of the wiki's series is enumerated and each
 * must be one of its fixed set, and the number of series must not have grown.
 */
class LabelValuesTest {

    /** Marked so that any of it in the exposition is found. */
    private static final String MARK = "zzhostile";

    private static final Set<String> ROUTES = Set.copyOf(Stream.of(RouteClass.values()).map(RouteClass::label)
            .toList());
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "mode", Set.of("full", "incremental"),
            "outcome", Set.of("ok", "failed", "accepted", "refused", "saved", "conflict"),
            "reason", Set.of("none", "auth", "checks", "limits", "other"),
            "route", ROUTES,
            "status", Set.of("2xx", "3xx", "4xx", "5xx"));

    @TempDir
    Path tmp;

    @Test
    void hostileRequestsAndPushesAddNoLabelValue() throws Exception {
        try (MetricsWiki wiki = new MetricsWiki(tmp)) {
            wiki.pushes.buildNow();
            int series = wikiSeries(wiki).size();
            int port = Integer.parseInt(wiki.url.substring(wiki.url.lastIndexOf(':') + 1));
            List<String> paths = List.of("/../../etc/" + MARK, "/%2e%2e/%2e%2e/" + MARK, "/%00" + MARK,
                    "/_edit/<script>" + MARK + "</script>", "/wiki.git/../../" + MARK, "/wiki.git/" + MARK,
                    "/" + MARK + "\"} 1\n", "/_api/search?q=" + MARK, "/.well-known/acme-challenge/" + MARK,
                    "/" + MARK.repeat(500), "/\u202e" + MARK, "http://" + MARK + ".example/");
            for (String path : paths) {
                send(port, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            }
            for (String method : List.of("DELETE", "PROPFIND", "BREW" + MARK)) {
                send(port, method + " /" + MARK + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            }
            send(port, "GET / HTTP/1.1\r\nHost: " + MARK + "\"}.example\r\nConnection: close\r\n\r\n");
            send(port, "GET / HTTP/1.1\r\nHost: localhost\r\nX-" + MARK + ": " + "h".repeat(40_000)
                    + "\r\nConnection: close\r\n\r\n");
            // Pushes with hostile user names: quotes, a newline, a label's syntax, a right-to-left mark.
            for (String user : List.of(MARK + "\"} 1\ntoaster_x{a=\"", MARK + "\u202e@example.org",
                    MARK + ",reason=\"x\"", MARK + "\r\nX: y")) {
                String credentials = Base64.getEncoder().encodeToString((user + ":" + MARK)
                        .getBytes(StandardCharsets.UTF_8));
                send(port, "GET /wiki.git/info/refs?service=git-receive-pack HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Basic " + credentials + "\r\nConnection: close\r\n\r\n");
                send(port, "POST /wiki.git/git-receive-pack HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
                        + credentials + "\r\nContent-Length: 4\r\nConnection: close\r\n\r\n0000");
            }

            for (Samples.Series one : wikiSeries(wiki)) {
                one.labels().forEach(label -> {
                    Set<String> allowed = label.getName().equals("le") ? null : ALLOWED.get(label.getName());
                    if (label.getName().equals("le")) {
                        assertTrue(label.getValue().matches("[0-9.]+|\\+Inf"), one.toString());
                    } else {
                        assertTrue(allowed != null && allowed.contains(label.getValue()), one.toString());
                    }
                });
            }
            assertEquals(series, wikiSeries(wiki).size(), "no new series");
            String scrape = wiki.scrape();
            assertFalse(scrape.contains(MARK), scrape);
            // They were counted, all the same: two names with control characters are no credentials at all
            // (BasicCredentials), so git's challenge, not a refusal; the other two, asked twice, are 4 refusals.
            assertEquals(4, MetricsWiki.value(scrape,
                    "toaster_wiki_pushes_total{outcome=\"refused\",reason=\"auth\"}"));
            assertTrue(MetricsWiki.value(scrape, "toaster_wiki_http_requests_total{route=\"site\",status=\"4xx\"}")
                    > 0, scrape);
        }
    }

    private static List<Samples.Series> wikiSeries(MetricsWiki wiki) {
        return Samples.all(wiki.metrics.registry()).stream().filter(s -> s.name().startsWith("toaster_wiki_"))
                .toList();
    }

    /** One request on its own connection; the answer is read to its end and dropped. */
    private static void send(int port, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            try {
                in.readAllBytes();
            } catch (IOException e) {
                // a server that closes at once on a refused request may reset the connection: answered all the same
            }
        }
    }
}
