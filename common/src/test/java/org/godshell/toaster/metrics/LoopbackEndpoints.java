package org.godshell.toaster.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Real endpoints on loopback for the gathering's tests and the doctor's, each with the JVM's figures and one
 * counter named after its daemon ({@code toaster_DAEMON_test_total}, at 1), and strangers: ports that answer as
 * a broken or hostile program would. Closes everything it made. Shared through common's test jar.
 */
public final class LoopbackEndpoints implements AutoCloseable {

    /** What a stranger does with a connection once it has read the request's first bytes. */
    public interface Behaviour {
        void answer(OutputStream out) throws IOException;
    }

    private final List<AutoCloseable> open = new ArrayList<>();

    public MetricsEndpoint endpoint(String daemon, Optional<BearerToken> token, List<MetricsSource> sources)
            throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        JvmMetrics.register(registry, daemon);
        Counter.builder().name("toaster_" + daemon + "_test_total").help(daemon).register(registry).inc();
        MetricsEndpoint endpoint = MetricsEndpoint.start(new EndpointSettings(daemon, loopback(0), token,
                Optional.empty()), registry, sources, "metricstoken", "servercert.pem");
        open.add(endpoint);
        return endpoint;
    }

    /** A port that serves connections one at a time, as {@code behaviour} says. */
    public InetSocketAddress stranger(Behaviour behaviour) throws IOException {
        ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        open.add(server);
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    socket.getInputStream().read(new byte[4096]);
                    behaviour.answer(socket.getOutputStream());
                } catch (IOException e) {
                    // the client hung up or the test ended: wait for the next connection, or stop
                }
            }
        });
        return loopback(server.getLocalPort());
    }

    /** A loopback port nothing listens on (bound, then closed again). */
    public static InetSocketAddress closedPort() throws IOException {
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return loopback(closed.getLocalPort());
        }
    }

    public static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** Keeps {@code resource} to close with the rest, last made first closed. */
    public void add(AutoCloseable resource) {
        open.add(resource);
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable each : open.reversed()) {
            each.close();
        }
    }
}
