package org.godshell.toaster.mailmetrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.godshell.toaster.auth.AuthThrottle;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.config.DeliveryConfig;
import org.godshell.toaster.config.Live;
import org.godshell.toaster.deliver.Injector;
import org.godshell.toaster.deliver.QueueRunner;
import org.godshell.toaster.deliver.Router;
import org.godshell.toaster.deliver.local.LocalDelivery;
import org.godshell.toaster.deliver.local.Maildir;
import org.godshell.toaster.deliver.remote.RemoteConfig;
import org.godshell.toaster.deliver.remote.RemoteDelivery;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.metrics.MetricsEndpoint;
import org.godshell.toaster.metrics.Samples;
import org.godshell.toaster.tls.TlsSource;
import org.godshell.toaster.users.UserStore;

/**
 * What the dashboard is tested against: a real smtpd with its delivery (as {@code toaster smtpd} runs it: the
 * queue runner's observer and tally are the process's metrics), and pop3d's metrics behind their own endpoint
 * (its series are made at zero, so no POP3 session is needed for them to be served), both started from their
 * control files on loopback, smtpd's gathering pop3d's (and a wiki's, when a test has one); and a small burst
 * through smtpd: a message relayed after a login over TLS, to a local mailbox (delivered) and a remote domain
 * whose MX refuses connections (deferred, a remote transaction timed), a recipient a plugin refuses, another that
 * rcpthosts refuses.
 */
final class DashboardBurst implements AutoCloseable {

    private final MetricsTestServer server;
    private final FixtureDns dns;
    private final QueueRunner runner;
    private final MetricsEndpoint pop3d;
    final List<String> log = new CopyOnWriteArrayList<>();

    DashboardBurst(Path root) throws Exception {
        this(root, Optional.empty());
    }

    /** {@code wiki}: a wiki's endpoint for smtpd's page to gather. */
    DashboardBurst(Path root, Optional<InetSocketAddress> wiki) throws Exception {
        Path control = Files.createDirectories(root.resolve("control"));
        Clock clock = Clock.systemUTC();
        Files.writeString(control.resolve("servercert.pem"), MetricsTestServer.certificate());
        Files.writeString(control.resolve("listen-metrics-pop3d"), "127.0.0.1:0\n");
        Optional<TlsSource> tls = TlsSource.watch(control, line -> { });
        Pop3dMetrics metrics = Pop3dMetrics.create(new AuthThrottle(clock), tls, clock);
        pop3d = MetricsEndpoints.start("pop3d", Controls.once(control), ControlFiles.LISTEN_METRICS_POP3D, tls,
                metrics.registry(), line -> { }).orElseThrow();
        UserStore users = UserStore.open(root);
        users.addDomain("local.test");
        users.addUser("ann@local.test", "ann's password".toCharArray());
        int closedPort;
        try (ServerSocket free = new ServerSocket(0)) {
            closedPort = free.getLocalPort();                   // closed again: connections to it are refused
        }
        server = new MetricsTestServer(root, Map.of("smtpplugins", "[rcpt]\nplugins/refuser\n",
                "listen-metrics-pop3d", "127.0.0.1:" + pop3d.address().getPort() + "\n",
                "listen-metrics-wiki", wiki.map(address -> "127.0.0.1:" + address.getPort()).orElse("off") + "\n"),
                Map.of("plugins/refuser",
                "#!/bin/sh\ncase \"$SMTPRCPTTO\" in spam@*) printf 'E550 5.7.1 no spam here\\n';; esac\n"));
        dns = new FixtureDns();
        dns.mx("far.test.", "mx.far.test.").a("mx.far.test.", "127.0.0.1");
        DeliveryConfig config = new DeliveryConfig("mx.test", Duration.ofDays(5), 4, 4);
        LocalDelivery local = new LocalDelivery(users, new Maildir(), new Injector(server.queue, config.me(), clock));
        RemoteDelivery remote = new RemoteDelivery(RemoteConfig.defaults(dns.dns(), config.me())
                .withMxPort(closedPort));
        runner = QueueRunner.start(root.resolve("queue"), server.queue, new Router(users, local, remote, config.me()),
                Live.fixed(config), clock, log::add, server.metrics.delivery());
        server.metrics.queue(runner.tally());
    }

    /** The burst, returning once its deliveries are counted. */
    void run() throws Exception {
        try (SmtpClient client = new SmtpClient(server.smtp())) {
            client.say("EHLO client.example");
            client.startTls();
            client.say("EHLO client.example");
            assertTrue(client.say("AUTH PLAIN " + SmtpClient.base64("\0bob@local.test\0"
                    + MetricsTestServer.PASSWORD)).startsWith("235"));
            assertTrue(client.say("MAIL FROM:<bob@local.test>").startsWith("250"));
            assertTrue(client.say("RCPT TO:<ann@local.test>").startsWith("250"));
            assertTrue(client.say("RCPT TO:<u@far.test>").startsWith("250"));
            assertTrue(client.say("RCPT TO:<spam@local.test>").startsWith("550"));
            assertTrue(client.say("DATA").startsWith("354"));
            assertTrue(client.say("Subject: hi\r\n\r\nhello\r\n.").startsWith("250"));
            client.say("QUIT");
        }
        try (SmtpClient client = new SmtpClient(server.smtp())) {
            client.say("HELO client.example");
            client.say("MAIL FROM:<a@example.org>");
            assertTrue(client.say("RCPT TO:<x@elsewhere.example>").startsWith("553"));
            client.say("QUIT");
        }
        PrometheusRegistry registry = server.metrics.registry();
        MetricsTestServer.await(() -> Samples.value(registry, "toaster_deliveries_total", "outcome", "local") == 1
                && Samples.value(registry, "toaster_deliveries_total", "outcome", "deferred") == 1,
                "the local delivery and the remote deferral, log: " + log);
    }

    InetSocketAddress smtpdEndpoint() {
        return server.endpoint.address();
    }

    @Override
    public void close() throws Exception {
        pop3d.close();
        runner.stop(Duration.ofSeconds(2));
        dns.close();
        server.close();
    }
}
