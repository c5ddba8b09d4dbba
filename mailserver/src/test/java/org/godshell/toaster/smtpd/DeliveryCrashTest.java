package org.godshell.toaster.smtpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.godshell.toaster.deliver.Progress;
import org.godshell.toaster.deliver.ProgressStore;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.queue.Envelope;
import org.godshell.toaster.queue.Intake;
import org.godshell.toaster.queue.Queue;
import org.godshell.toaster.queue.QueueId;
import org.godshell.toaster.queue.QueuedMessage;
import org.godshell.toaster.users.UserStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * "A recipient is forgotten only after its delivery is durable" (deliver/delivery.md), tested the hard way: the
 * real queue runner runs in a child JVM ({@link DeliveryCrashChild}) over a queue filled with known messages for
 * three local users and remote users (a second toaster in this JVM, found by MX in a fixture DNS server), and is
 * killed with SIGKILL at random moments, several times, then left to finish. Afterwards every recipient of every
 * message has the message byte for byte, the queue is empty, and every extra copy is explained by a kill that
 * fell inside the documented window (the copy existed, the message was still queued and its state did not yet
 * say "delivered" for that recipient). Nothing is partial; files left in Maildir {@code tmp/} are counted.
 */
class DeliveryCrashTest {

    private static final Pattern RECOVERED = Pattern.compile("delivery: \\d+ message\\(s\\) in the queue");
    private static final Pattern MESSAGE_ID = Pattern.compile("\nMessage-ID: <(\\d+)@crash\\.test>\r?\n");
    private static final int MESSAGES = 400;
    private static final int KILLS = 6;
    private static final int MAX_DELAY_MILLIS = 1500;
    private static final List<String> LOCAL_USERS = List.of("ann", "bob", "cat");
    private static final String SENDER = "sender@here.test";

    /** One recipient of one message: what must arrive at least once. */
    record Copy(int message, String recipient) {
    }

    /** What the disk says after a kill (or at the end). */
    record Snapshot(Map<Copy, Integer> copies, Set<Copy> inWindow, int queued, int stateFiles, int tmpLeftovers) {
    }

    @TempDir
    Path root;

    private final Map<QueueId, Integer> ids = new LinkedHashMap<>();
    private final Map<Integer, List<String>> recipients = new HashMap<>();
    private Path prefix;

    @Test
    @Timeout(180)
    void killedDeliveriesLoseNothingAndDuplicateOnlyInsideTheWindow() throws Exception {
        long started = System.nanoTime();
        prefix = root.resolve("a");
        Files.createDirectories(prefix.resolve("control"));
        Files.writeString(prefix.resolve("control/me"), "mx.here.test\n");
        UserStore users = UserStore.open(prefix);
        users.addDomain("here.test");
        for (String user : LOCAL_USERS) {
            users.addUser(user + "@here.test", "secret".toCharArray());
        }
        users.addUser(SENDER, "secret".toCharArray());
        fillQueue();
        Map<String, String> controlB = TestServer.defaults();
        controlB.put("me", "mx.there.test");
        controlB.put("rcpthosts", "there.test\n");
        controlB.put("concurrencyperip", "100\n");             // the runner may open 20 at once (concurrencyremote)
        long seed = System.nanoTime();
        Random random = new Random(seed);
        try (FixtureDns dns = new FixtureDns(); TestServer b = new TestServer(root.resolve("b"), controlB)) {
            dns.mx("there.test.", "mx.there.test.").a("mx.there.test.", "127.0.0.1");
            Map<Copy, Integer> window = new HashMap<>();
            List<String> atRisk = new ArrayList<>();
            int kills = 0;
            for (int round = 0; round < KILLS; round++) {
                Process child = start(dns, b, round);
                awaitRecovery(child, round);
                int before = localFiles();
                await("a first delivery", child, round, () -> localFiles() > before);
                Thread.sleep(random.nextInt(MAX_DELAY_MILLIS));
                child.toHandle().destroyForcibly();                        // SIGKILL: no shutdown hook runs
                assertTrue(child.waitFor(10, TimeUnit.SECONDS));
                kills++;
                awaitQuiet(b);
                Snapshot after = snapshot(b);
                after.inWindow().forEach(copy -> window.merge(copy, 1, Integer::sum));
                atRisk.add(finished(round) + " finished, " + after.queued() + " queued, " + after.inWindow().size()
                        + " in the window");
                if (after.queued() == 0) {
                    break;
                }
            }
            Process last = start(dns, b, KILLS);
            await("the last runner to empty the queue", last, KILLS, () -> count(prefix.resolve("queue/mess")) == 0
                    && count(prefix.resolve("queue/info")) == 0);
            last.destroy();                                                // SIGTERM: the graceful stop
            assertTrue(last.waitFor(10, TimeUnit.SECONDS));
            awaitQuiet(b);

            Snapshot end = snapshot(b);
            assertEquals(0, end.queued(), "queue/mess/ is empty");
            assertEquals(0, end.stateFiles(), "queue/info/ is empty");
            int extraLocal = 0;
            int extraRemote = 0;
            for (Map.Entry<Integer, List<String>> message : recipients.entrySet()) {
                for (String recipient : message.getValue()) {
                    Copy copy = new Copy(message.getKey(), recipient);
                    int copies = end.copies().getOrDefault(copy, 0);
                    int allowed = 1 + window.getOrDefault(copy, 0);
                    assertTrue(copies >= 1, "lost: " + copy + " (seed " + seed + ")");
                    assertTrue(copies <= allowed, copy + " arrived " + copies + " times, but only " + (allowed - 1)
                            + " kill(s) fell inside its window (seed " + seed + ")");
                    if (recipient.endsWith("@here.test")) {
                        extraLocal += copies - 1;
                    } else {
                        extraRemote += copies - 1;
                    }
                }
            }
            assertEquals(0, count(prefix.resolve("domains/here.test/sender/Maildir/new")), "no bounce was sent");
            System.out.printf("delivery crash test: seed %d, %d messages (%d local + %d remote recipients), %d kills "
                    + "(after each: %s), %d extra copies (local %d, remote %d), "
                    + "%d files left in Maildir tmp/, %.1f s%n", seed, MESSAGES,
                    recipients.values().stream().flatMap(List::stream).filter(r -> r.endsWith("@here.test")).count(),
                    recipients.values().stream().flatMap(List::stream).filter(r -> !r.endsWith("@here.test")).count(),
                    kills, atRisk, extraLocal + extraRemote, extraLocal, extraRemote, end.tmpLeftovers(),
                    (System.nanoTime() - started) / 1e9);
        }
    }

    /** Message {@code n} goes to the three local users, every second one also to one or two remote users. */
    private void fillQueue() throws IOException {
        try (Queue queue = Queue.open(prefix.resolve("queue"))) {
            for (int n = 0; n < MESSAGES; n++) {
                List<String> to = new ArrayList<>();
                LOCAL_USERS.forEach(user -> to.add(user + "@here.test"));
                if (n % 2 == 0) {
                    to.add("u" + n % 3 + "@there.test");
                }
                if (n % 4 == 0) {
                    to.add("v@there.test");
                }
                recipients.put(n, List.copyOf(to));
                try (Intake intake = queue.begin(new Envelope(SENDER, to, "client.test", "192.0.2.7", null,
                        Instant.now()))) {
                    intake.body().write(body(n));
                    ids.put(intake.commit(), n);
                }
            }
        }
    }

    /** Message {@code n}: CRLF lines of printable text (some starting with a dot), 1 KB to about 240 KB. */
    static byte[] body(int n) {
        Random random = new Random(n);
        StringBuilder text = new StringBuilder("Subject: message " + n + "\r\nMessage-ID: <" + n + "@crash.test>\r\n\r\n");
        int lines = 20 + random.nextInt(n % 10 == 0 ? 6000 : 600);
        for (int i = 0; i < lines; i++) {
            int length = random.nextInt(79);
            for (int c = 0; c < length; c++) {
                text.append(c == 0 && random.nextInt(8) == 0 ? '.' : (char) (' ' + random.nextInt(95)));
            }
            text.append("\r\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** What a local recipient's Maildir file must hold: our two header lines, then the message with LF ends. */
    private static byte[] expectedLocal(int n, String recipient) {
        String body = new String(body(n), StandardCharsets.US_ASCII).replace("\r\n", "\n");
        return ("Return-Path: <" + SENDER + ">\nDelivered-To: " + recipient + "\n" + body)
                .getBytes(StandardCharsets.US_ASCII);
    }

    private Process start(FixtureDns dns, TestServer b, int round) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                DeliveryCrashChild.class.getName(), prefix.toString(), String.valueOf(dns.address().getPort()),
                String.valueOf(b.address().getPort()))
                .redirectErrorStream(true)
                .redirectOutput(log(round).toFile())
                .start();
    }

    private Path log(int round) {
        return root.resolve("runner-" + round + ".log");
    }

    private void awaitRecovery(Process child, int round) throws Exception {
        await("the runner to start", child, round, () -> {
            try {
                return Files.exists(log(round)) && RECOVERED.matcher(Files.readString(log(round))).find();
            } catch (IOException e) {
                return false;
            }
        });
    }

    private void await(String what, Process child, int round, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                child.destroyForcibly();
                fail("gave up waiting for " + what + " (runner " + (child.isAlive() ? "alive" : "exited") + "); its log:\n"
                        + Files.readString(log(round)));
            }
            Thread.sleep(10);
        }
    }

    /**
     * Waits until the second toaster has no message being received: a transaction the kill cut short is
     * aborted, one whose data was complete is committed, and only then are its copies counted.
     */
    private static void awaitQuiet(TestServer b) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (count(b.root.resolve("queue/tmp")) > 0) {
            assertTrue(System.nanoTime() < deadline, "the second toaster never finished its transactions");
            Thread.sleep(10);
        }
    }

    /** Messages the runner of {@code round} removed from the queue, by its log. */
    private int finished(int round) throws IOException {
        try (Stream<String> lines = Files.lines(log(round))) {
            return (int) lines.filter(line -> line.endsWith(": done, removed from the queue")).count();
        }
    }

    /** Files in the local users' new/ directories: a cheap measure of progress. */
    private int localFiles() {
        return LOCAL_USERS.stream().mapToInt(user -> count(prefix.resolve("domains/here.test").resolve(user)
                .resolve("Maildir/new"))).sum();
    }

    private Snapshot snapshot(TestServer b) throws IOException {
        Map<Copy, Integer> copies = new HashMap<>();
        int tmpLeftovers = 0;
        for (String user : LOCAL_USERS) {
            Path maildir = prefix.resolve("domains/here.test").resolve(user).resolve("Maildir");
            String recipient = user + "@here.test";
            for (Path file : files(maildir.resolve("new"))) {
                byte[] content = Files.readAllBytes(file);
                int n = messageNumber(content, file);
                assertTrue(java.util.Arrays.equals(expectedLocal(n, recipient), content),
                        file + " is not message " + n + " for " + recipient + " byte for byte");
                copies.merge(new Copy(n, recipient), 1, Integer::sum);
            }
            tmpLeftovers += count(maildir.resolve("tmp"));
        }
        for (QueueId id : b.queue.list()) {
            QueuedMessage message = b.queue.read(id);
            byte[] content;
            try (InputStream in = message.openMessage()) {
                content = withoutReceived(in.readAllBytes());
            }
            int n = messageNumber(content, Path.of("b/queue/mess", id.value()));
            assertTrue(java.util.Arrays.equals(body(n), content), "B's " + id + " is not message " + n + " byte for byte");
            assertEquals(SENDER, message.envelope().sender());
            message.envelope().recipients().forEach(r -> copies.merge(new Copy(n, r), 1, Integer::sum));
        }
        Set<Copy> inWindow = new HashSet<>();
        int queued = 0;
        try (Queue queue = Queue.open(prefix.resolve("queue"))) {
            ProgressStore progress = ProgressStore.open(prefix.resolve("queue"));
            Set<QueueId> listed = new HashSet<>(queue.list());
            for (Map.Entry<QueueId, Integer> entry : ids.entrySet()) {
                int n = entry.getValue();
                if (!listed.contains(entry.getKey())) {
                    for (String recipient : recipients.get(n)) {
                        assertTrue(copies.containsKey(new Copy(n, recipient)),
                                "message " + n + " left the queue, but " + recipient + " never got it");
                    }
                    continue;
                }
                queued++;
                List<Progress.Recipient> state = progress.load(queue.read(entry.getKey()), Instant.now()).progress()
                        .recipients();
                for (int i = 0; i < state.size(); i++) {
                    Copy copy = new Copy(n, state.get(i).address());
                    if (copies.containsKey(copy) && state.get(i).status() != Progress.Status.DELIVERED) {
                        inWindow.add(copy);
                    }
                }
            }
        }
        return new Snapshot(copies, inWindow, queued, count(prefix.resolve("queue/info")), tmpLeftovers);
    }

    private static int messageNumber(byte[] content, Path file) {
        Matcher id = MESSAGE_ID.matcher(new String(content, 0, Math.min(content.length, 4096),
                StandardCharsets.US_ASCII));
        assertTrue(id.find(), file + " is not one of the test's messages");
        return Integer.parseInt(id.group(1));
    }

    /** The message as the first toaster sent it: the second one's Received header (and its folded lines) cut off. */
    private static byte[] withoutReceived(byte[] stored) {
        String text = new String(stored, StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("Received: "), "no Received header first");
        int end = text.indexOf("\r\n") + 2;
        while (text.charAt(end) == ' ' || text.charAt(end) == '\t') {
            end = text.indexOf("\r\n", end) + 2;
        }
        return text.substring(end).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        }
    }

    private static int count(Path dir) {
        try {
            return files(dir).size();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
