package org.godshell.toaster.metrics;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointSettingsTest {

    private static final BearerToken TOKEN = BearerToken.of("0123456789abcdefghij");

    private static InetSocketAddress at(String ip) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), 9587);
    }

    private static TlsServer tls() throws Exception {
        return new TlsServer(SSLContext.getDefault(), List.of("TLSv1.3"), List.of("TLS_AES_128_GCM_SHA256"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "192.0.2.1", "::", "2001:db8::1", "10.0.0.1"})
    void offLoopbackWithoutATokenRefusesToStart(String ip) throws Exception {
        EndpointSettings settings = new EndpointSettings("smtpd", at(ip), Optional.empty(), Optional.of(tls()));
        EndpointException e = assertThrows(EndpointException.class,
                () -> MetricsEndpoint.start(settings, new PrometheusRegistry(), List.of(), "control/metricstoken",
                        "cert"));
        assertTrue(e.getMessage().contains("needs a bearer token") && e.getMessage().contains("control/metricstoken"),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "192.0.2.1", "::", "2001:db8::1"})
    void offLoopbackWithoutTlsRefusesToStart(String ip) throws Exception {
        EndpointSettings settings = new EndpointSettings("smtpd", at(ip), Optional.of(TOKEN), Optional.empty());
        EndpointException e = assertThrows(EndpointException.class,
                () -> MetricsEndpoint.start(settings, new PrometheusRegistry(), List.of(), "token",
                        "control/servercert.pem"));
        assertTrue(e.getMessage().contains("needs TLS") && e.getMessage().contains("control/servercert.pem"),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "::1"})
    void loopbackNeedsNeither(String ip) throws Exception {
        EndpointSettings settings = new EndpointSettings("smtpd", at(ip), Optional.empty(), Optional.empty());
        assertDoesNotThrow(() -> settings.check("token", "cert"));
        assertTrue(!settings.usesTls());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "192.0.2.1"})
    void offLoopbackWithBothIsAllowedAndUsesTls(String ip) throws Exception {
        EndpointSettings settings = new EndpointSettings("smtpd", at(ip), Optional.of(TOKEN), Optional.of(tls()));
        assertDoesNotThrow(() -> settings.check("token", "cert"));
        assertTrue(settings.usesTls());
    }
}
