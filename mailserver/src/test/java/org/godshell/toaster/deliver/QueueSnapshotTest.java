package org.godshell.toaster.deliver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.godshell.toaster.config.DeliveryConfig;
import org.godshell.toaster.deliver.local.LocalDelivery;
import org.godshell.toaster.deliver.local.Maildir;
import org.godshell.toaster.deliver.remote.RemoteConfig;
import org.godshell.toaster.deliver.remote.RemoteDelivery;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.queue.Envelope;
import org.godshell.toaster.queue.Intake;
import org.godshell.toaster.queue.Queue;
import org.godshell.toaster.queue.QueueId;
import org.godshell.toaster.users.UserStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue copied at one moment: with no runner, with an idle runner (paused and resumed through requests),
 * and with an attempt that does not end (copied anyway, said to be inconsistent).
 */
class QueueSnapshotTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path prefix;

    private Path queueDir;
    private Queue queue;
    private FixtureDns dns;
    private ServerSocket mx;
    private QueueRunner runner;
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void queue() throws IOException {
        queueDir = prefix.resolve("queue");
        queue = Queue.open(queueDir);
        mx = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        dns = new FixtureDns();
        dns.mx("far.test.", "mx.far.test.").a("mx.far.test.", "127.0.0.1");
    }

    @AfterEach
    void stop() throws Exception {
        if (runner != null) {
            runner.stop(Duration.ofSeconds(2));
        }
        mx.close();
        dns.close();
        queue.close();
    }

    @Test
    void withoutARunnerTheFilesAreLinkedAndTheLinksGoAwayAfterwards() throws IOException {
        QueueId id = commit("bob@far.test");
        try (QueueSnapshot snapshot = QueueSnapshot.take(queueDir, PATIENCE)) {
            assertTrue(snapshot.consistent());
            Path copy = snapshot.root().resolve("mess").resolve(id.value());
            assertArrayEquals(Files.readAllBytes(queueDir.resolve("mess").resolve(id.value())), Files.readAllBytes(copy));
            assertEquals(Files.getAttribute(copy, "unix:ino"),
                    Files.getAttribute(queueDir.resolve("mess").resolve(id.value()), "unix:ino"));
            assertTrue(Files.isDirectory(snapshot.root().resolve("info")));
        }
        try (var left = Files.list(queueDir)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().matches("snapshot\\.[0-9a-z]{16}")));
        }
        assertEquals(List.of(id), queue.list());
    }

    @Test
    void anIdleRunnerPausesForTheCopyAndDeliversAgainAfterIt() throws Exception {
        Thread refuser = Thread.ofVirtual().start(this::acceptAndClose);
        runner = startRunner();
        QueueId id = commit("bob@far.test");
        Path state = queueDir.resolve("info").resolve(id.value());
        awaitTrue(() -> Files.exists(state));                  // the first attempt was deferred
        try (QueueSnapshot snapshot = QueueSnapshot.take(queueDir, PATIENCE)) {
            assertTrue(snapshot.consistent(), log.toString());
            assertTrue(Files.exists(snapshot.root().resolve("info").resolve(id.value())));
            assertTrue(Files.exists(snapshot.root().resolve("mess").resolve(id.value())));
        }
        awaitTrue(() -> log.stream().anyMatch(line -> line.contains("resumed after the queue snapshot")));
        assertTrue(log.stream().anyMatch(line -> line.contains("paused for a queue snapshot")), log.toString());
        assertFalse(Files.exists(queueDir.resolve("paused")));
        refuser.interrupt();
    }

    @Test
    void anAttemptThatDoesNotEndIsWaitedForOnlyAsLongAsAsked() throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread.ofVirtual().start(() -> holdOneConnection(connected, release));
        runner = startRunner();
        commit("bob@far.test");
        assertTrue(connected.await(PATIENCE.toSeconds(), TimeUnit.SECONDS), log.toString());
        try (QueueSnapshot snapshot = QueueSnapshot.take(queueDir, Duration.ofMillis(200))) {
            assertFalse(snapshot.consistent(), "an attempt was still talking to the MX");
        }
        release.countDown();
        try (QueueSnapshot snapshot = QueueSnapshot.take(queueDir, PATIENCE)) {
            assertTrue(snapshot.consistent(), log.toString());
        }
    }

    @Test
    void oneSnapshotAtATime() throws IOException {
        try (QueueSnapshot first = QueueSnapshot.take(queueDir, PATIENCE)) {
            IOException refused = assertThrows(IOException.class, () -> QueueSnapshot.take(queueDir, PATIENCE));
            assertTrue(refused.getMessage().contains("another backup"), refused.getMessage());
        }
        QueueSnapshot.take(queueDir, PATIENCE).close();
    }

    @Test
    void aSnapshotLeftByADeadBackupIsRemovedNotServed() throws IOException {
        Path stale = queueDir.resolve("snapshot.0123456789abcdef");
        Files.createDirectories(stale.resolve("mess"));
        Files.writeString(stale.resolve("mess").resolve("1m8bz91g7000928r"), "old");
        try (QueueSnapshot snapshot = QueueSnapshot.take(queueDir, PATIENCE)) {
            assertFalse(Files.exists(stale));
            try (var messages = Files.list(snapshot.root().resolve("mess"))) {
                assertEquals(0, messages.count());
            }
        }
    }

    @Test
    void strangeFilesInTheQueueAreNotLinked() throws IOException {
        Files.writeString(queueDir.resolve("mess").resolve("not-an-id"), "x");
        Files.createSymbolicLink(queueDir.resolve("mess").resolve("1m8bz91g7000928r"), Path.of("/etc/passwd"));
        try (QueueSnapshot snapshot = QueueSnapshot.take(queueDir, PATIENCE)) {
            try (var messages = Files.list(snapshot.root().resolve("mess"))) {
                assertEquals(0, messages.count());
            }
        }
    }

    @Test
    void aPauseEndsByItselfWhenItsLeaseRunsOut() throws IOException {
        DeliveryPause pause = DeliveryPause.open(queueDir, log::add);
        Instant start = Instant.parse("2026-12-07T03:00:00Z");
        pause.pause("0123456789abcdef", start);
        pause.idle();
        assertTrue(DeliveryPause.acknowledged(queueDir, "0123456789abcdef"));
        assertFalse(DeliveryPause.acknowledged(queueDir, "fedcba9876543210"));
        assertTrue(pause.holding(start.plus(DeliveryPause.LEASE)));
        assertFalse(pause.holding(start.plus(DeliveryPause.LEASE).plusSeconds(1)));
        assertFalse(DeliveryPause.acknowledged(queueDir, "0123456789abcdef"));
        assertTrue(log.stream().anyMatch(line -> line.contains("ran out")), log.toString());
    }

    @Test
    void aPauseLeftByADeadBackupDoesNotHideANewOne() throws IOException {
        DeliveryPause pause = DeliveryPause.open(queueDir, log::add);
        Instant start = Instant.parse("2026-12-07T03:00:00Z");
        pause.pause("0123456789abcdef", start);
        pause.pause("fedcba9876543210", start.plusSeconds(1));
        pause.idle();
        assertTrue(DeliveryPause.acknowledged(queueDir, "fedcba9876543210"));
        pause.resume("fedcba9876543210");
        assertFalse(DeliveryPause.acknowledged(queueDir, "fedcba9876543210"), "rewritten once idle again");
        assertTrue(pause.holding(start.plusSeconds(2)), "the old pause holds until its lease ends");
        assertFalse(pause.holding(start.plus(DeliveryPause.LEASE).plusSeconds(1)));
    }

    @Test
    void aResumeForAnotherPauseIsIgnored() throws IOException {
        DeliveryPause pause = DeliveryPause.open(queueDir, log::add);
        Instant start = Instant.parse("2026-12-07T03:00:00Z");
        pause.pause("0123456789abcdef", start);
        pause.resume("fedcba9876543210");
        assertTrue(pause.holding(start));
        pause.resume("0123456789abcdef");
        assertFalse(pause.holding(start));
    }

    @Test
    void anAcknowledgementThatIsNotAFileOrTooBigCountsForNothing() throws IOException {
        Files.writeString(queueDir.resolve("paused"), "0123456789abcdef " + "x".repeat(20_000));
        assertFalse(DeliveryPause.acknowledged(queueDir, "0123456789abcdef"));
        Files.delete(queueDir.resolve("paused"));
        Files.createSymbolicLink(queueDir.resolve("paused"), prefix.resolve("elsewhere"));
        Files.writeString(prefix.resolve("elsewhere"), "0123456789abcdef 2026-12-07T03:00:00Z\n");
        assertFalse(DeliveryPause.acknowledged(queueDir, "0123456789abcdef"));
    }

    private QueueRunner startRunner() throws IOException {
        UserStore users = UserStore.open(prefix);
        Clock clock = Clock.systemUTC();
        DeliveryConfig config = new DeliveryConfig("mx.here.test", Duration.ofDays(5), 4, 4);
        LocalDelivery local = new LocalDelivery(users, new Maildir(), new Injector(queue, config.me(), clock));
        RemoteDelivery remote = new RemoteDelivery(RemoteConfig.defaults(dns.dns(), config.me())
                .withMxPort(mx.getLocalPort()));
        return QueueRunner.start(queueDir, queue, new Router(users, local, remote, config.me()), config,
                Schedule.standard(Duration.ofDays(5)), clock, log::add);
    }

    private QueueId commit(String recipient) throws IOException {
        Envelope envelope = new Envelope("ann@here.test", List.of(recipient), "client.test", "127.0.0.1", null,
                Instant.now());
        try (Intake intake = queue.begin(envelope)) {
            OutputStream body = intake.body();
            body.write("Subject: kept\r\n\r\nA message to keep.\r\n".getBytes(StandardCharsets.US_ASCII));
            return intake.commit();
        }
    }

    private void acceptAndClose() {
        while (!Thread.currentThread().isInterrupted()) {
            try (Socket socket = mx.accept()) {
                socket.getOutputStream().write("421 mx.far.test busy\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void holdOneConnection(CountDownLatch connected, CountDownLatch release) {
        try (Socket socket = mx.accept()) {
            connected.countDown();
            release.await();
            socket.getOutputStream().write("421 mx.far.test busy\r\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException | InterruptedException e) {
            connected.countDown();
            return;
        }
        acceptAndClose();                                      // the client may try the MX again at once
    }

    private interface Condition {
        boolean holds() throws IOException;
    }

    private static void awaitTrue(Condition condition) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.holds()) {
            assertTrue(System.nanoTime() - deadline < 0, "not within " + PATIENCE);
            Thread.sleep(20);
        }
    }
}
