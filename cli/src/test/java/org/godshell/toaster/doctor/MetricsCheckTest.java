package org.godshell.toaster.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.hostcheck.Finding;
import org.godshell.toaster.mailmetrics.MetricsEndpoints;
import org.godshell.toaster.metrics.BearerToken;
import org.godshell.toaster.metrics.LoopbackEndpoints;
import org.godshell.toaster.metrics.MetricsEndpoint;
import org.godshell.toaster.metrics.MetricsSource;
import org.godshell.toaster.tls.SelfSigned;
import org.godshell.toaster.tls.TlsSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The doctor's metrics check against real endpoints on loopback (smtpd's gathering a pop3d's), one off loopback
 * with TLS and a token, and ports that answer as a stranger would.
 */
class MetricsCheckTest {

    private static final String TOKEN = "ZG9jdG9yLW1ldHJpY3MtdG9rZW4tdGVzdA";

    @TempDir
    Path control;

    private final LoopbackEndpoints endpoints = new LoopbackEndpoints();

    @AfterEach
    void close() throws Exception {
        endpoints.close();
    }

    private static Finding only(List<Finding> findings) {
        assertEquals(1, findings.size(), findings.toString());
        return findings.get(0);
    }

    @Test
    void offSaysSo() throws Exception {
        Files.writeString(control.resolve("listen-metrics"), "off\n");
        assertEquals(List.of(Finding.ok("metrics: off (control/listen-metrics)")), MetricsCheck.of(control));
    }

    @Test
    void theControlFilesSayWhereToAskAndWithWhichToken() throws Exception {
        MetricsEndpoint smtpd = endpoints.endpoint("smtpd", Optional.of(BearerToken.of(TOKEN)), List.of());
        Files.writeString(control.resolve("listen-metrics"), "127.0.0.1:" + smtpd.address().getPort() + "\n");
        Files.writeString(control.resolve("metricstoken"), TOKEN + "\n");
        Files.setPosixFilePermissions(control.resolve("metricstoken"), PosixFilePermissions.fromString("rw-------"));
        assertEquals(List.of(Finding.ok("metrics: " + smtpd.url() + " answers with smtpd's figures (pop3d's and the "
                + "wiki's endpoints are off or not on loopback, so they are not in its page)")),
                MetricsCheck.of(control));
        Files.writeString(control.resolve("listen-metrics"), "not an address\n");
        assertEquals(List.of(), MetricsCheck.of(control), "a broken file is the control-file check's to report");
    }

    @Test
    void aGatheredPageNamesEveryDaemonInIt() throws Exception {
        MetricsEndpoint pop3d = endpoints.endpoint("pop3d", Optional.empty(), List.of());
        MetricsEndpoint smtpd = endpoints.endpoint("smtpd", Optional.empty(), List.of(new MetricsSource("pop3d",
                pop3d.address())));
        Finding finding = only(new MetricsCheck(smtpd.address(), Optional.empty()).check());
        assertEquals(Finding.ok("metrics: " + smtpd.url() + " answers with the figures of smtpd, pop3d"), finding);
    }

    @Test
    void aDaemonMissingFromThePageIsAWarning() throws Exception {
        InetSocketAddress gone = LoopbackEndpoints.closedPort();
        MetricsEndpoint smtpd = endpoints.endpoint("smtpd", Optional.empty(), List.of(new MetricsSource("wiki", gone)));
        Finding finding = only(new MetricsCheck(smtpd.address(), Optional.empty()).check());
        assertEquals(Finding.Level.WARN, finding.level(), finding.line());
        assertTrue(finding.line().contains("without the figures of wiki"), finding.line());
    }

    @Test
    void withoutSourcesThePageIsSmtpdsAlone() throws Exception {
        MetricsEndpoint smtpd = endpoints.endpoint("smtpd", Optional.empty(), List.of());
        Finding finding = only(new MetricsCheck(smtpd.address(), Optional.empty()).check());
        assertEquals(Finding.Level.OK, finding.level(), finding.line());
        assertTrue(finding.line().contains("answers with smtpd's figures"), finding.line());
    }

    @Test
    void theTokenOfTheControlFileIsSentAndAWrongOneFails() throws Exception {
        Optional<BearerToken> token = Optional.of(BearerToken.of(TOKEN));
        MetricsEndpoint smtpd = endpoints.endpoint("smtpd", token, List.of());
        assertEquals(Finding.Level.OK, only(new MetricsCheck(smtpd.address(), token).check()).level());
        Finding wrong = only(new MetricsCheck(smtpd.address(), Optional.of(BearerToken.of(TOKEN + "x"))).check());
        assertEquals(Finding.Level.WARN, wrong.level());
        assertTrue(wrong.line().contains("refuses the token of control/metricstoken"), wrong.line());
    }

    @Test
    void offLoopbackItAsksOverTlsOnLoopback() throws Exception {
        Files.writeString(control.resolve("listen-metrics"), "0.0.0.0:0\n");
        Files.writeString(control.resolve("listen-metrics-pop3d"), "off\n");
        Files.writeString(control.resolve("listen-metrics-wiki"), "off\n");
        Files.writeString(control.resolve("servercert.pem"), SelfSigned.create("mx.example.org"));
        Files.writeString(control.resolve("metricstoken"), TOKEN + "\n");
        Files.setPosixFilePermissions(control.resolve("metricstoken"), PosixFilePermissions.fromString("rw-------"));
        Optional<TlsSource> tls = TlsSource.watch(control, line -> { });
        MetricsEndpoint smtpd = MetricsEndpoints.start("smtpd", Controls.once(control), ControlFiles.LISTEN_METRICS,
                MetricsEndpoints.GATHERED_BY_SMTPD, tls, new PrometheusRegistry(), line -> { }).orElseThrow();
        endpoints.add(smtpd);
        Finding finding = only(new MetricsCheck(new InetSocketAddress("0.0.0.0", smtpd.address().getPort()),
                Optional.of(BearerToken.of(TOKEN))).check());
        assertEquals(Finding.Level.OK, finding.level(), finding.line());
        assertTrue(finding.message().startsWith("metrics: https://127.0.0.1:"), finding.line());
    }

    @Test
    void nothingListeningIsAWarning() throws Exception {
        Finding finding = only(new MetricsCheck(LoopbackEndpoints.closedPort(), Optional.empty()).check());
        assertEquals(Finding.Level.WARN, finding.level());
        assertTrue(finding.line().contains("does not answer") && finding.line().contains("toaster-smtpd"),
                finding.line());
    }

    @Test
    void aStrangerOnThePortIsNamedAndItsPageBounded() throws Exception {
        InetSocketAddress html = endpoints.stranger(out -> out.write(
                "HTTP/1.1 302 Found\r\nLocation: /login\u001b[2J\r\n\r\n".getBytes(StandardCharsets.UTF_8)));
        Finding redirect = only(new MetricsCheck(html, Optional.empty()).check());
        assertEquals(Finding.Level.WARN, redirect.level());
        assertTrue(redirect.line().contains("answers HTTP/1.1 302 Found instead of 200"), redirect.line());

        InetSocketAddress endless = endpoints.stranger(out -> {
            out.write(("HTTP/1.0 200 OK\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] lines = "toaster_metrics_source_up{daemon=\"pop3d\"} 0\n".repeat(1000)
                    .getBytes(StandardCharsets.US_ASCII);
            while (true) {
                out.write(lines);
            }
        });
        Finding flood = only(new MetricsCheck(endless, Optional.empty()).check());
        assertEquals(Finding.Level.WARN, flood.level(), "read up to the limit, then judged");
    }
}
