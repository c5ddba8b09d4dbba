package org.godshell.toaster.smtpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.godshell.toaster.config.DeliveryConfig;
import org.godshell.toaster.config.UserDb;
import org.godshell.toaster.deliver.Injector;
import org.godshell.toaster.deliver.Outcome;
import org.godshell.toaster.deliver.QueueRunner;
import org.godshell.toaster.deliver.Router;
import org.godshell.toaster.deliver.Schedule;
import org.godshell.toaster.deliver.local.LocalDelivery;
import org.godshell.toaster.deliver.local.Maildir;
import org.godshell.toaster.deliver.remote.RemoteConfig;
import org.godshell.toaster.deliver.remote.RemoteDelivery;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.users.UserStore;
import org.godshell.toaster.users.sql.PostgresExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two toasters sharing their users in one real PostgreSQL (issue 27): A stores shared.test's mailboxes, B is
 * another MX. Neither lists shared.test in rcpthosts: the database's domains are every host's.
 */
class SharedUsersTest {

    private static final String PASSWORD = "ann's password";
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @TempDir
    Path rootA;
    @TempDir
    Path rootB;

    private FixtureDns dns;
    private TestServer a;
    private TestServer b;
    private final List<QueueRunner> runners = new CopyOnWriteArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void twoToasters() throws Exception {
        UserDb.Postgres db = POSTGRES.newDatabase();
        POSTGRES.shareUsers(rootA, db, "mx-a.example.net");
        POSTGRES.shareUsers(rootB, db, "mx-b.example.net");
        try (UserStore users = UserStore.open(rootA)) {
            users.addDomain("shared.test");
            users.addUser("ann@shared.test", PASSWORD.toCharArray());
        }
        a = new TestServer(rootA, control("mx-a.example.net"));
        b = new TestServer(rootB, control("mx-b.example.net"));
        dns = new FixtureDns();
        dns.a("mx-a.example.net.", "127.0.0.1").a("mx-b.example.net.", "127.0.0.1");
    }

    private static Map<String, String> control(String me) {
        Map<String, String> control = TestServer.defaults();
        control.put("me", me + "\n");
        control.put("rcpthosts", "");
        return control;
    }

    @AfterEach
    void stop() throws Exception {
        for (QueueRunner runner : runners) {
            runner.stop(Duration.ofSeconds(2));
        }
        a.close();
        b.close();
        dns.close();
    }

    @Test
    void aUserAddedOnALogsInOnB() {
        try (UserStore users = UserStore.open(rootB)) {
            assertTrue(users.verify("Ann@Shared.Test", PASSWORD.toCharArray()));
            assertFalse(users.verify("ann@shared.test", "not it".toCharArray()));
        }
    }

    @Test
    void mailArrivingAtBForADomainStoredOnALandsInAsMaildir() throws Exception {
        startRunner(a, rootA, "mx-a.example.net", a.address().getPort(), Schedule.standard(Duration.ofDays(1)));
        startRunner(b, rootB, "mx-b.example.net", a.address().getPort(), Schedule.standard(Duration.ofDays(1)));
        assertInstanceOf(Outcome.Delivered.class, sendToB("ann@shared.test"));
        assertInstanceOf(Outcome.Failed.class, sendToB("nobody@shared.test"), "unknown users are refused at B");
        TestServer.await(() -> mailCount() == 1, () -> "ann's copy at A; log:\n" + String.join("\n", log));
        String copy = Files.readString(onlyMessage());
        assertTrue(copy.contains("Delivered-To: ann@shared.test\n"), copy);
        assertTrue(copy.contains("by mx-b.example.net"), "the copy went through B: " + copy);
    }

    @Test
    void theDatabaseDownIs451AtRcptAndDeliveryWaitsForIt() throws Exception {
        assertInstanceOf(Outcome.Delivered.class, sendToB("ann@shared.test"), "queued at B while the database is up");
        POSTGRES.server().stop();
        try {
            Outcome refused = sendToB("ann@shared.test");
            assertEquals("4.3.0", assertInstanceOf(Outcome.Deferred.class, refused).why().status(), refused.toString());
            Schedule soon = new Schedule(Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofDays(1),
                    Duration.ofDays(1));
            startRunner(b, rootB, "mx-b.example.net", a.address().getPort(), soon);
            TestServer.await(() -> log.stream().anyMatch(line -> line.contains("user store unreadable")),
                    () -> "B's deferral; log:\n" + String.join("\n", log));
            assertEquals(1, b.queue.list().size(), "the message waits in B's queue");
        } finally {
            POSTGRES.server().startAgain();
        }
        startRunner(a, rootA, "mx-a.example.net", a.address().getPort(), Schedule.standard(Duration.ofDays(1)));
        TestServer.await(() -> mailCount() == 1, () -> "ann's copy after the restart; log:\n" + String.join("\n", log));
    }

    @Test
    void loginsGoOnThroughAnOutageOnlyWhereTheAdminAllowsACache() throws Exception {
        Files.writeString(rootB.resolve("control/userdbcache"), "300\n");
        try (UserStore cached = UserStore.open(rootB); UserStore plain = UserStore.open(rootA)) {
            assertTrue(cached.verify("ann@shared.test", PASSWORD.toCharArray()));
            assertTrue(plain.verify("ann@shared.test", PASSWORD.toCharArray()));
            POSTGRES.server().stop();
            try {
                assertTrue(cached.verify("ann@shared.test", PASSWORD.toCharArray()), "B remembers ann");
                assertFalse(cached.verify("ann@shared.test", "not it".toCharArray()), "still her password only");
                assertFalse(plain.verify("ann@shared.test", PASSWORD.toCharArray()), "A has no cache: no login");
                assertInstanceOf(Outcome.Deferred.class, sendToB("ann@shared.test"), "RCPT still waits: 451");
            } finally {
                POSTGRES.server().startAgain();
            }
        }
    }

    /** Sends one message to B over SMTP as another MTA would; the outcome is B's answer to RCPT (or DATA). */
    private Outcome sendToB(String recipient) {
        RemoteDelivery client = new RemoteDelivery(RemoteConfig.defaults(dns.dns(), "client.test")
                .withMxPort(b.address().getPort()));
        return client.deliver("x@elsewhere.test", "shared.test", List.of(recipient),
                () -> new ByteArrayInputStream("Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.UTF_8)),
                Optional.of("mx-b.example.net")).get(recipient);
    }

    private void startRunner(TestServer server, Path root, String me, int mxPort, Schedule schedule)
            throws IOException {
        UserStore users = UserStore.open(root);
        Clock clock = Clock.systemUTC();
        DeliveryConfig config = new DeliveryConfig(me, schedule.lifetime(), 4, 4);
        LocalDelivery local = new LocalDelivery(users, new Maildir(), new Injector(server.queue, me, clock));
        RemoteDelivery remote = new RemoteDelivery(RemoteConfig.defaults(dns.dns(), me).withMxPort(mxPort));
        runners.add(QueueRunner.start(root.resolve("queue"), server.queue, new Router(users, local, remote, me),
                config, schedule, clock, log::add));
    }

    private Path maildir() {
        return rootA.resolve("domains/shared.test/ann/Maildir/new");
    }

    private int mailCount() {
        try (var files = Files.list(maildir())) {
            return (int) files.count();
        } catch (IOException e) {
            return 0;
        }
    }

    private Path onlyMessage() throws IOException {
        try (var files = Files.list(maildir())) {
            return files.findFirst().orElseThrow();
        }
    }
}
