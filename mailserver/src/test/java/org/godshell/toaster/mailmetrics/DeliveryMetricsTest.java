package org.godshell.toaster.mailmetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.godshell.toaster.auth.AuthThrottle;
import org.godshell.toaster.config.DeliveryConfig;
import org.godshell.toaster.config.Live;
import org.godshell.toaster.deliver.Injector;
import org.godshell.toaster.deliver.MailFlags;
import org.godshell.toaster.deliver.QueueRunner;
import org.godshell.toaster.deliver.Router;
import org.godshell.toaster.deliver.local.LocalDelivery;
import org.godshell.toaster.deliver.local.Maildir;
import org.godshell.toaster.deliver.remote.RemoteConfig;
import org.godshell.toaster.deliver.remote.RemoteDelivery;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.metrics.Samples;
import org.godshell.toaster.queue.Queue;
import org.godshell.toaster.users.UserStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real queue runner, with local delivery and remote delivery to an MX on loopback that refuses connections:
 * one message for a user (delivered), a missing user (bounced, the bounce delivered to the local sender) and a
 * remote address (deferred), then the exact counts and the queue's gauges.
 */
class DeliveryMetricsTest {

    @TempDir
    Path root;

    @Test
    void anAttemptIsCountedByOutcomeAndTheQueueIsTallied() throws Exception {
        Files.createDirectories(root.resolve("control"));
        UserStore users = UserStore.open(root);
        users.addDomain("here.test");
        users.addUser("ann@here.test", "ann's password".toCharArray());
        int closedPort;
        try (ServerSocket free = new ServerSocket(0)) {
            closedPort = free.getLocalPort();                   // closed again: connections to it are refused
        }
        SmtpdMetrics metrics = SmtpdMetrics.create(new AuthThrottle(Clock.systemUTC()), Optional.empty(),
                Clock.systemUTC());
        PrometheusRegistry registry = metrics.registry();
        List<String> log = new CopyOnWriteArrayList<>();
        Clock clock = Clock.systemUTC();
        DeliveryConfig config = new DeliveryConfig("mx.here.test", Duration.ofDays(5), 4, 4);
        try (FixtureDns dns = new FixtureDns(); Queue queue = Queue.open(root.resolve("queue"))) {
            dns.mx("far.test.", "mx.far.test.").a("mx.far.test.", "127.0.0.1");
            LocalDelivery local = new LocalDelivery(users, new Maildir(), new Injector(queue, config.me(), clock));
            RemoteDelivery remote = new RemoteDelivery(RemoteConfig.defaults(dns.dns(), config.me())
                    .withMxPort(closedPort));
            QueueRunner runner = QueueRunner.start(root.resolve("queue"), queue,
                    new Router(users, local, remote, config.me()), Live.fixed(config), clock, log::add,
                    metrics.delivery());
            try {
                metrics.queue(runner.tally());
                new Injector(queue, config.me(), clock).inject("ann@here.test",
                        List.of("ann@here.test", "nobody@here.test", "u@far.test"), "Subject: hi\r\n\r\n",
                        new ByteArrayInputStream("hello\r\n".getBytes(StandardCharsets.UTF_8)), MailFlags.SEVEN_BIT);
                MetricsTestServer.await(() -> value(registry, "local") == 2 && value(registry, "bounced") == 1
                        && value(registry, "deferred") == 1, "the attempt and the bounce's delivery, log: " + log);
                MetricsTestServer.await(() -> Samples.value(registry, "toaster_queue_recipients") == 1
                        && Samples.value(registry, "toaster_queue_messages") == 1,
                        "the tally after the attempts (the bounce gone), log: " + log);
            } finally {
                runner.stop(Duration.ofSeconds(2));
            }
        }
        assertEquals(2, value(registry, "local"), "ann's copy and the bounce to ann");
        assertEquals(1, value(registry, "bounced"));
        assertEquals(1, value(registry, "deferred"));
        assertEquals(0, value(registry, "remote"));
        assertEquals(1, Samples.value(registry, "toaster_remote_delivery_duration_seconds"));
        assertEquals(1, Samples.value(registry, "toaster_queue_messages"), "the message waiting for far.test");
        assertEquals(1, Samples.value(registry, "toaster_queue_recipients"));
        assertTrue(Samples.value(registry, "toaster_queue_oldest_message_age_seconds") >= 0);
    }

    private static double value(PrometheusRegistry registry, String outcome) {
        return Samples.value(registry, "toaster_deliveries_total", "outcome", outcome);
    }
}
