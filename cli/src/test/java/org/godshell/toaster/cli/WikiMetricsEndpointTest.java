package org.godshell.toaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.metrics.MetricsEndpoint;
import org.godshell.toaster.site.metrics.WikiMetrics;
import org.godshell.toaster.tls.SelfSigned;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code toaster wiki serve}'s endpoint, started from {@code control/listen-metrics-wiki} as pop3d's is. */
class WikiMetricsEndpointTest {

    private static final String TOKEN = "d2lraS1tZXRyaWNzLXRva2VuLWZvci10ZXN0cw==";

    @TempDir
    Path prefix;
    Path control;
    final List<String> logged = new ArrayList<>();

    @BeforeEach
    void control() throws IOException {
        control = Files.createDirectories(prefix.resolve("control"));
    }

    private void write(String file, String text) throws IOException {
        Files.writeString(control.resolve(file), text);
    }

    private void token() throws IOException {
        write("metricstoken", TOKEN + "\n");
        Files.setPosixFilePermissions(control.resolve("metricstoken"), PosixFilePermissions.fromString("rw-------"));
    }

    /** Started as the wiki starts it without HTTPS of its own. */
    private Optional<MetricsEndpoint> start(WikiMetrics metrics) throws Exception {
        return WikiMetricsEndpoint.start(Controls.once(control), control, Optional.empty(), metrics.registry(),
                logged::add);
    }

    @Test
    void offStartsNothing() throws Exception {
        write("listen-metrics-wiki", "off\n");
        assertEquals(Optional.empty(), start(WikiMetrics.create()));
        assertEquals(List.of(), logged);
    }

    @Test
    void aBusyDefaultPortLeavesTheWikiRunningWithoutMetrics() throws Exception {
        ServerSocket holder = new ServerSocket();
        try {
            holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9589));
        } catch (IOException e) {
            holder.close();                                 // held by someone else: busy all the same
        }
        try (holder) {
            assertEquals(Optional.empty(), start(WikiMetrics.create()));
            assertEquals(1, logged.size(), logged.toString());
            assertTrue(logged.get(0).contains("127.0.0.1:9589") && logged.get(0).contains("listen-metrics-wiki"),
                    logged.toString());
        }
    }

    @Test
    void aBusyPortTheAdminWroteStopsTheStart() throws Exception {
        try (ServerSocket holder = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            write("listen-metrics-wiki", "127.0.0.1:" + holder.getLocalPort() + "\n");
            IOException e = assertThrows(IOException.class, () -> start(WikiMetrics.create()));
            assertTrue(e.getMessage().startsWith("wiki: cannot listen for metrics on 127.0.0.1:"), e.getMessage());
        }
    }

    @Test
    void offLoopbackWithoutATokenRefusesToStart() throws Exception {
        write("listen-metrics-wiki", "192.0.2.1:9589\n");
        write("servercert.pem", SelfSigned.create("wiki.example.org"));
        ConfigException e = assertThrows(ConfigException.class, () -> start(WikiMetrics.create()));
        assertTrue(e.getMessage().contains(control.resolve("listen-metrics-wiki") + ":1")
                && e.getMessage().contains("needs a bearer token"), e.getMessage());
    }

    @Test
    void offLoopbackWithoutACertificateRefusesToStart() throws Exception {
        token();
        write("listen-metrics-wiki", "[2001:db8::1]:9589\n");
        ConfigException e = assertThrows(ConfigException.class, () -> start(WikiMetrics.create()));
        assertTrue(e.getMessage().contains("needs TLS") && e.getMessage().contains("servercert.pem"),
                e.getMessage());
    }

    @Test
    void offLoopbackTheCertificateIsWatchedEvenWithoutTheWikisHttps() throws Exception {
        token();
        write("servercert.pem", SelfSigned.create("wiki.example.org"));
        // TEST-NET-1 is never this host's: the checks pass, and only binding it fails.
        write("listen-metrics-wiki", "192.0.2.1:9589\n");
        IOException e = assertThrows(IOException.class, () -> start(WikiMetrics.create()));
        assertTrue(e.getMessage().startsWith("wiki: cannot listen for metrics on 192.0.2.1:9589"), e.getMessage());
    }

    @Test
    void onLoopbackTheTokenIsAskedForWhenThereIsOne() throws Exception {
        token();
        write("listen-metrics-wiki", "127.0.0.1:0\n");
        try (MetricsEndpoint endpoint = start(WikiMetrics.create()).orElseThrow();
             HttpClient client = HttpClient.newHttpClient()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.url()));
            assertEquals(401, client.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            HttpResponse<String> answer = client.send(request.header("Authorization", "Bearer " + TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode());
            assertTrue(answer.body().contains("toaster_wiki_pushes_total{outcome=\"accepted\",reason=\"none\"} 0"),
                    answer.body());
        }
    }

    @Test
    void wikiServeStopsAtStartWhenItsEndpointWouldBeExposed() throws Exception {
        write("me", "wiki.example.org\n");
        write("listen-http", "127.0.0.1:0\n");
        write("listen-metrics-wiki", "0.0.0.0:9589\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Toaster.execute(new PrintWriter(out, true), new PrintWriter(err, true), "wiki", "serve",
                "--prefix", prefix.toString());
        assertEquals(1, exit, out + "\n" + err);
        assertTrue(err.toString().contains("listen-metrics-wiki:1: wiki: the metrics endpoint 0.0.0.0:9589 is not "
                + "on loopback, so it needs a bearer token"), err.toString());
    }
}
