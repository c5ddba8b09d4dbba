package org.godshell.toaster.mailmetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.godshell.toaster.auth.AuthThrottle;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.metrics.MetricsEndpoint;
import org.godshell.toaster.tls.TlsSource;
import org.godshell.toaster.tls.TrustOnly;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoints as the daemons start them from their control files: off, loopback, and off loopback only with
 * a token and TLS. The TLS endpoint is bound to the wildcard address on a free port (the only way to be "off
 * loopback" on a test machine) and spoken to over loopback only.
 */
class MetricsEndpointsTest {

    private static final String TOKEN = "c210cGQtbWV0cmljcy10b2tlbi10ZXN0";

    @TempDir
    Path control;

    private final List<String> logged = new ArrayList<>();

    private void write(String name, String text) throws IOException {
        Files.writeString(control.resolve(name), text);
    }

    private void token() throws IOException {
        write("metricstoken", TOKEN + "\n");
        Files.setPosixFilePermissions(control.resolve("metricstoken"), PosixFilePermissions.fromString("rw-------"));
    }

    private Optional<MetricsEndpoint> start() throws Exception {
        Controls controls = Controls.once(control);
        Optional<TlsSource> tls = TlsSource.watch(control, line -> { });
        SmtpdMetrics metrics = SmtpdMetrics.create(new AuthThrottle(Clock.systemUTC()), tls, Clock.systemUTC());
        return MetricsEndpoints.start("smtpd", controls, ControlFiles.LISTEN_METRICS, tls, metrics.registry(),
                logged::add);
    }

    @Test
    void offStartsNothing() throws Exception {
        write("listen-metrics", "off\n");
        assertEquals(Optional.empty(), start());
    }

    @Test
    void aBusyDefaultPortLeavesTheServerRunningWithoutMetrics() throws Exception {
        ServerSocket holder = new ServerSocket();
        try {
            holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9587));
        } catch (IOException e) {
            holder.close();                                 // held by someone else: busy all the same
        }
        try (holder) {
            assertEquals(Optional.empty(), start());
            assertEquals(1, logged.size(), logged.toString());
            assertTrue(logged.get(0).contains("127.0.0.1:9587") && logged.get(0).contains("listen-metrics"),
                    logged.toString());
        }
    }

    @Test
    void aBusyPortTheAdminWroteStopsTheStart() throws Exception {
        try (ServerSocket holder = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            write("listen-metrics", "127.0.0.1:" + holder.getLocalPort() + "\n");
            IOException e = assertThrows(IOException.class, this::start);
            assertTrue(e.getMessage().startsWith("smtpd: cannot listen for metrics on 127.0.0.1:"), e.getMessage());
        }
    }

    @Test
    void offLoopbackWithoutATokenRefusesToStart() throws Exception {
        write("listen-metrics", "192.0.2.1:9587\n");
        write("servercert.pem", MetricsTestServer.certificate());
        ConfigException e = assertThrows(ConfigException.class, this::start);
        assertTrue(e.getMessage().contains(control.resolve("listen-metrics") + ":1")
                && e.getMessage().contains("needs a bearer token")
                && e.getMessage().contains(control.resolve("metricstoken").toString()), e.getMessage());
    }

    @Test
    void offLoopbackWithoutACertificateRefusesToStart() throws Exception {
        write("listen-metrics", "[2001:db8::1]:9587\n");
        token();
        ConfigException e = assertThrows(ConfigException.class, this::start);
        assertTrue(e.getMessage().contains("needs TLS")
                && e.getMessage().contains(control.resolve("servercert.pem").toString()), e.getMessage());
    }

    @Test
    void theWildcardAddressIsOffLoopbackToo() throws Exception {
        write("listen-metrics", "0.0.0.0:0\n");
        ConfigException e = assertThrows(ConfigException.class, this::start);
        assertTrue(e.getMessage().contains("needs a bearer token"), e.getMessage());
    }

    @Test
    void offLoopbackServesHttpsToTheTokenOnly() throws Exception {
        write("listen-metrics", "0.0.0.0:0\n");
        write("servercert.pem", MetricsTestServer.certificate());
        token();
        try (MetricsEndpoint endpoint = start().orElseThrow()) {
            assertTrue(endpoint.url().startsWith("https://"), endpoint.url());
            int port = endpoint.address().getPort();
            String ok = https(port, "Authorization: Bearer " + TOKEN);
            assertTrue(ok.startsWith("HTTP/1.1 200"), ok);
            assertTrue(ok.contains("toaster_smtp_transactions_total") && ok.contains("jvm_memory_used_bytes"), ok);
            String wrong = https(port, "Authorization: Bearer " + TOKEN.substring(1) + "A");
            assertTrue(wrong.startsWith("HTTP/1.1 401"), wrong);
            assertTrue(https(port).startsWith("HTTP/1.1 401"));
            assertFalse(plain(port).startsWith("HTTP/1.1 200"), "plain HTTP gets nothing from a TLS endpoint");
        }
    }

    @Test
    void onLoopbackATokenIsAskedForWhenThereIsOne() throws Exception {
        write("listen-metrics", "127.0.0.1:0\n");
        token();
        try (MetricsEndpoint endpoint = start().orElseThrow()) {
            assertTrue(endpoint.url().startsWith("http://127.0.0.1:"), endpoint.url());
            assertTrue(Scrape.get(endpoint.url(), Scrape.PROMETHEUS_TEXT).statusCode() == 401);
            assertEquals(200, Scrape.get(endpoint.url(), Scrape.PROMETHEUS_TEXT, "Authorization",
                    "Bearer " + TOKEN).statusCode());
        }
    }

    @Test
    void openMetricsIsServedWhenAsked() throws Exception {
        write("listen-metrics", "127.0.0.1:0\n");
        try (MetricsEndpoint endpoint = start().orElseThrow()) {
            var answer = Scrape.get(endpoint.url(), Scrape.OPENMETRICS);
            assertEquals(200, answer.statusCode());
            assertTrue(answer.headers().firstValue("Content-Type").orElseThrow().startsWith(
                    "application/openmetrics-text"), answer.headers().toString());
            assertTrue(answer.body().strip().endsWith("# EOF"), "OpenMetrics ends with # EOF");
        }
    }

    @Test
    void smtpdGathersPop3dOnLoopbackAndSaysWhyNotAWikiOffIt() throws Exception {
        token();
        write("listen-metrics-pop3d", "127.0.0.1:0\n");
        Pop3dMetrics pop3 = Pop3dMetrics.create(new AuthThrottle(Clock.systemUTC()), Optional.empty(),
                Clock.systemUTC());
        try (MetricsEndpoint pop3d = MetricsEndpoints.start("pop3d", Controls.once(control),
                ControlFiles.LISTEN_METRICS_POP3D, Optional.empty(), pop3.registry(), logged::add).orElseThrow()) {
            write("listen-metrics-pop3d", "127.0.0.1:" + pop3d.address().getPort() + "\n");
            write("listen-metrics-wiki", "[::]:9589\n");
            write("listen-metrics", "127.0.0.1:0\n");
            SmtpdMetrics smtp = SmtpdMetrics.create(new AuthThrottle(Clock.systemUTC()), Optional.empty(),
                    Clock.systemUTC());
            try (MetricsEndpoint smtpd = MetricsEndpoints.start("smtpd", Controls.once(control),
                    ControlFiles.LISTEN_METRICS, MetricsEndpoints.GATHERED_BY_SMTPD, Optional.empty(),
                    smtp.registry(), logged::add).orElseThrow()) {
                var answer = Scrape.get(smtpd.url(), Scrape.OPENMETRICS, "Authorization", "Bearer " + TOKEN);
                assertEquals(200, answer.statusCode());
                assertTrue(answer.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"),
                        "a gathered page is in the text format, whatever is asked");
                String page = answer.body();
                assertTrue(page.contains("toaster_smtp_transactions_total") && page.contains("toaster_pop3_logins"),
                        page);
                assertTrue(page.contains("jvm_memory_used_bytes{area=\"heap\",daemon=\"pop3d\"}")
                        && page.contains("jvm_memory_used_bytes{area=\"heap\",daemon=\"smtpd\"}"), page);
                assertTrue(page.contains("toaster_metrics_source_up{daemon=\"pop3d\"} 1"), page);
                assertFalse(page.contains("toaster_metrics_source_up{daemon=\"wiki\"}"), page);
                assertEquals(List.of("metrics: wiki's endpoint (" + control.resolve("listen-metrics-wiki") + ") is "
                        + "not on loopback or has no fixed port, so this page does not gather it: scrape it on its "
                        + "own"), logged);
            }
        }
    }

    @Test
    void aRegistryOfItsOwnPerProcess() {
        PrometheusRegistry one = SmtpdMetrics.create(new AuthThrottle(Clock.systemUTC()), Optional.empty(),
                Clock.systemUTC()).registry();
        PrometheusRegistry two = SmtpdMetrics.create(new AuthThrottle(Clock.systemUTC()), Optional.empty(),
                Clock.systemUTC()).registry();
        assertTrue(one != two && one != PrometheusRegistry.defaultRegistry);
    }

    /** A GET over TLS to loopback, checking the certificate against its name as a scraper configured for it. */
    private static String https(int port, String... headers) throws Exception {
        Socket plain = new Socket(InetAddress.getLoopbackAddress(), port);
        SSLSocket tls = (SSLSocket) TrustOnly.certificateIn(MetricsTestServer.certificate()).getSocketFactory()
                .createSocket(plain, "mx.test", port, true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setServerNames(List.of(new SNIHostName("mx.test")));
        tls.setSSLParameters(parameters);
        try (tls) {
            tls.startHandshake();
            return exchange(tls, headers);
        }
    }

    private static String plain(int port) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            return exchange(socket);
        } catch (IOException e) {
            return "cut: " + e.getMessage();
        }
    }

    private static String exchange(Socket socket, String... headers) throws IOException {
        StringBuilder request = new StringBuilder("GET /metrics HTTP/1.1\r\nHost: mx.test\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        socket.getInputStream().transferTo(answer);
        return answer.toString(StandardCharsets.UTF_8);
    }
}
