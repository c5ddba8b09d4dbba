package org.godshell.toaster.smtpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.godshell.toaster.config.DeliveryConfig;
import org.godshell.toaster.deliver.Injector;
import org.godshell.toaster.deliver.MailFlags;
import org.godshell.toaster.deliver.Outcome;
import org.godshell.toaster.deliver.QueueRunner;
import org.godshell.toaster.deliver.Requests;
import org.godshell.toaster.deliver.Router;
import org.godshell.toaster.deliver.Schedule;
import org.godshell.toaster.deliver.local.LocalDelivery;
import org.godshell.toaster.deliver.local.Maildir;
import org.godshell.toaster.deliver.remote.RemoteConfig;
import org.godshell.toaster.deliver.remote.RemoteDelivery;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.queue.QueueId;
import org.godshell.toaster.users.UserStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.godshell.toaster.logstats.LineReader;
import org.godshell.toaster.logstats.LogRecord;
import org.godshell.toaster.logstats.TextLineReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mail flow end to end: a client delivers over SMTP to toaster A (virtual domain here.test), A's queue runner
 * delivers into Maildirs and, by MX answers from a fixture DNS server, over SMTP to toaster B (there.test);
 * refusals come back as bounces into the sender's Maildir, temporary failures are retried on schedule.
 */
class DeliveryEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path rootA;
    @TempDir
    Path rootB;

    private FixtureDns dns;
    private TestServer a;
    private TestServer b;
    private QueueRunner runner;
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void twoToasters() throws Exception {
        Files.createDirectories(rootA.resolve("control"));
        UserStore users = UserStore.open(rootA);
        users.addDomain("here.test");
        users.addUser("ann@here.test", "ann's password".toCharArray());
        users.addAlias("team@here.test", List.of("ann@here.test", "u@there.test"));
        Map<String, String> controlA = TestServer.defaults();
        controlA.put("me", "mx.here.test");
        controlA.put("rcpthosts", "here.test\n");
        a = new TestServer(rootA, controlA);
        Map<String, String> controlB = TestServer.defaults();
        controlB.put("me", "mx.there.test");
        controlB.put("rcpthosts", "there.test\n");
        b = new TestServer(rootB, controlB);
        dns = new FixtureDns();
        dns.mx("there.test.", "mx.there.test.").a("mx.there.test.", "127.0.0.1");
        dns.mx("refused.test.", "mx.there.test.");
        dns.mx("here.test.", "mx.here.test.").a("mx.here.test.", "127.0.0.1");
    }

    @AfterEach
    void stop() throws Exception {
        if (runner != null) {
            runner.stop(Duration.ofSeconds(2));
        }
        a.close();
        b.close();
        dns.close();
    }

    private QueueRunner startRunner(int mxPort, Schedule schedule) throws IOException {
        UserStore users = UserStore.open(rootA);
        Clock clock = Clock.systemUTC();
        DeliveryConfig config = new DeliveryConfig("mx.here.test", schedule.lifetime(), 4, 4);
        LocalDelivery local = new LocalDelivery(users, new Maildir(), new Injector(a.queue, config.me(), clock));
        RemoteDelivery remote = new RemoteDelivery(RemoteConfig.defaults(dns.dns(), config.me()).withMxPort(mxPort));
        return QueueRunner.start(rootA.resolve("queue"), a.queue, new Router(users, local, remote, config.me()),
                config, schedule, clock, log::add);
    }

    /** Sends a message to toaster A over SMTP, the way any MTA would. */
    private void sendToA(String sender, List<String> recipients, String message) {
        RemoteDelivery client = new RemoteDelivery(RemoteConfig.defaults(dns.dns(), "client.test")
                .withMxPort(a.address().getPort()));
        Map<String, Outcome> out = client.deliver(sender, "here.test", recipients,
                () -> new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
        out.values().forEach(o -> assertInstanceOf(Outcome.Delivered.class, o, o.toString()));
    }

    private List<String> maildir(String user) throws IOException {
        Path dir = rootA.resolve("domains/here.test").resolve(user).resolve("Maildir/new");
        List<String> messages = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                messages.add(Files.readString(file));
            }
        }
        return messages;
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; log:\n" + String.join("\n", log));
            }
            Thread.sleep(20);
        }
    }

    private boolean queueEmpty() {
        try {
            return a.queue.list().isEmpty() && isEmpty(rootA.resolve("queue/info"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /**
     * The message's delivery state file, not the temporary file an atomic write renames over it
     * ({@code .NAME.DIGITS.tmp}, in the same directory), which a reader must never take for it.
     */
    private static Optional<Path> stateFile(Path info) {
        try (var files = Files.list(info)) {
            return files.filter(file -> !file.getFileName().toString().startsWith(".")).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private int mailCount(String user) {
        try {
            return maildir(user).size();
        } catch (IOException e) {
            return 0;
        }
    }

    @Test
    void mailAcceptedOverSmtpLandsInTheMaildirAndLeavesTheQueue() throws Exception {
        runner = startRunner(b.address().getPort(), Schedule.standard(Duration.ofDays(1)));
        sendToA("x@elsewhere.test", List.of("ann@here.test"), "Subject: hello\r\n\r\n.leading dot\r\nbody\r\n");
        await("the Maildir delivery", () -> mailCount("ann") == 1);
        await("the queue to empty", this::queueEmpty);
        String content = maildir("ann").get(0);
        assertTrue(content.startsWith("Return-Path: <x@elsewhere.test>\nDelivered-To: ann@here.test\nReceived: from "),
                content);
        assertTrue(content.endsWith("\nSubject: hello\n\n.leading dot\nbody\n"), content);
        assertTrue(!content.contains("\r"), "Maildir lines end in LF");
    }

    @Test
    void anAliasDeliversLocallyAndRemotelyAndARefusalBouncesToTheSender() throws Exception {
        runner = startRunner(b.address().getPort(), Schedule.standard(Duration.ofDays(1)));
        sendToA("ann@here.test", List.of("team@here.test"), "Subject: team\r\n\r\nfor the team\r\n");
        await("ann's copy", () -> mailCount("ann") == 1);
        await("B to receive the forwarded copy", () -> {
            try {
                return b.queue.list().size() == 1;
            } catch (IOException e) {
                return false;
            }
        });
        QueueId forwarded = b.queue.list().get(0);
        assertEquals(List.of("u@there.test"), b.queue.read(forwarded).envelope().recipients());

        sendToA("ann@here.test", List.of("ann@here.test"), "Subject: self\r\n\r\nx\r\n");
        await("the second local copy", () -> mailCount("ann") == 2);
        var injector = new Injector(a.queue, "mx.here.test", Clock.systemUTC());
        injector.inject("ann@here.test", List.of("v@refused.test"), "",
                new ByteArrayInputStream("Subject: doomed\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII)),
                MailFlags.SEVEN_BIT);
        await("the bounce in ann's Maildir", () -> mailCount("ann") == 3);
        await("the queue to empty", this::queueEmpty);
        String bounce = maildir("ann").stream().filter(m -> m.contains("multipart/report")).findFirst()
                .orElseThrow(() -> new AssertionError("no bounce among " + log));
        assertTrue(bounce.startsWith("Return-Path: <>\n"), bounce);
        assertTrue(bounce.contains("Action: failed"), bounce);
        assertTrue(bounce.contains("Final-Recipient: rfc822; v@refused.test"), bounce);
        assertTrue(bounce.contains("Status: 5.7.1"), bounce);
        assertTrue(bounce.contains("Subject: doomed"), bounce);
        // What toaster stats reads of it (issue 26): the way each delivery went, and the recipients bounced.
        Map<String, List<LogRecord>> read = log.stream()
                .map(line -> new TextLineReader().read("2026-12-06T10:00:00Z smtpd[-] " + line))
                .filter(LineReader.Read.class::isInstance).map(r -> ((LineReader.Read) r).record())
                .collect(Collectors.groupingBy(r -> r.kind() + " " + r.get("rcpt") + " " + r.get("outcome")));
        assertEquals("local", read.get("DELIVERY team@here.test delivered").getFirst().get("route"), log::toString);
        assertEquals("remote", read.get("DELIVERY v@refused.test failed").getFirst().get("route"), log::toString);
        assertEquals("1", read.get("BOUNCE  ").getFirst().get("failed"), log::toString);
    }

    @Test
    void aTemporaryFailureIsRecordedAndRetriedOnSchedule() throws Exception {
        int port;
        try (ServerSocket reserved = new ServerSocket(0)) {
            port = reserved.getLocalPort();
        }
        runner = startRunner(port, new Schedule(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofDays(1),
                Duration.ofDays(1)));
        new Injector(a.queue, "mx.here.test", Clock.systemUTC()).inject("ann@here.test", List.of("u@there.test"), "",
                new ByteArrayInputStream("Subject: later\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII)),
                MailFlags.SEVEN_BIT);
        Path info = rootA.resolve("queue/info");
        await("a state file after the failed attempt", () -> stateFile(info).isPresent());
        String state = Files.readString(stateFile(info).orElseThrow());
        // At least one attempt, recorded with its 4xx: on a busy machine the next one (due 500 ms later) may
        // already have been made when the file is read.
        assertTrue(state.matches("(?s).*\nA[1-9][0-9]*\n.*") && state.contains("\nP0 4."), state);
        Map<String, String> controlC = TestServer.defaults();
        controlC.put("rcpthosts", "there.test\n");
        controlC.put("listen-smtp", "127.0.0.1:" + port + "\n");
        Path rootC = Files.createTempDirectory(rootB, "c");
        try (TestServer c = new TestServer(rootC, controlC)) {
            await("the retry to reach the server that came up", () -> {
                try {
                    return c.queue.list().size() == 1;
                } catch (IOException e) {
                    return false;
                }
            });
            await("the queue to empty", this::queueEmpty);
        }
    }

    @Test
    void anMxPointingBackHereFailsAtOnceInsteadOfLooping() throws Exception {
        dns.mx("loop.test.", "mx.here.test.");
        runner = startRunner(a.address().getPort(), Schedule.standard(Duration.ofDays(1)));
        new Injector(a.queue, "mx.here.test", Clock.systemUTC()).inject("ann@here.test", List.of("x@loop.test"), "",
                new ByteArrayInputStream("Subject: round\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII)),
                MailFlags.SEVEN_BIT);
        await("the bounce", () -> mailCount("ann") == 1);
        await("the queue to empty", this::queueEmpty);
        String bounce = maildir("ann").get(0);
        assertTrue(bounce.contains("Status: 5.4.6"), bounce);
        assertTrue(bounce.contains("loops back to myself"), bounce);
    }

    @Test
    void onlyOneRunnerPerQueueAndAdminRequestsAreCarriedOut() throws Exception {
        int port;
        try (ServerSocket reserved = new ServerSocket(0)) {
            port = reserved.getLocalPort();
        }
        runner = startRunner(port, Schedule.standard(Duration.ofDays(1)));
        IOException refused = assertThrows(IOException.class, () -> startRunner(port, Schedule.standard(
                Duration.ofDays(1))));
        assertTrue(refused.getMessage().contains("is delivering from"), refused.getMessage());
        QueueId id = new Injector(a.queue, "mx.here.test", Clock.systemUTC()).inject("ann@here.test",
                List.of("u@there.test"), "", new ByteArrayInputStream("x\r\n".getBytes(StandardCharsets.US_ASCII)),
                MailFlags.SEVEN_BIT);
        await("the first attempt", () -> log.stream().anyMatch(l -> l.contains(id + ": u@there.test deferred")));
        Requests requests = Requests.open(rootA.resolve("queue"));
        requests.submit(new Requests.Request.Retry(id));
        await("the retry", () -> log.stream().filter(l -> l.contains(id + ": u@there.test deferred")).count() == 2);
        requests.submit(new Requests.Request.Delete(id));
        await("the delete", this::queueEmpty);
        assertEquals(0, mailCount("ann"), "a deleted message is not bounced");
    }
}
