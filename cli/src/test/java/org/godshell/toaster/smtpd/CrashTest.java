package org.godshell.toaster.smtpd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.queue.Queue;
import org.godshell.toaster.queue.QueueId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Nothing said 250 is ever lost": the real {@code toaster smtpd} runs as a separate process, 20 sessions send
 * mail to it in parallel, and it is killed with SIGKILL in the middle. Every message that got 250 must then be
 * in the queue, byte for byte, and the server must start again on the same queue.
 */
class CrashTest {

    private static final Pattern LISTENING = Pattern.compile("smtpd: listening on ([0-9.]+):(\\d+) .*");
    private static final Pattern QUEUED = Pattern.compile("250 2\\.0\\.0 ok \\d+ qp (\\S+)");
    private static final int SESSIONS = 20;

    @TempDir
    Path prefix;

    @Test
    void everyAcceptedMessageSurvivesSigkill() throws Exception {
        Path control = Files.createDirectories(prefix.resolve("control"));
        Files.writeString(control.resolve("me"), "crash.test\n");
        Files.writeString(control.resolve("rcpthosts"), "local.test\n");
        Files.writeString(control.resolve("listen-smtp"), "127.0.0.1:0\n");
        Files.writeString(control.resolve("concurrencyperip"), "100\n");
        // Clients from outside are checked after DATA (SPF, DKIM, DMARC): their DNS questions stay on loopback.
        try (FixtureDns dns = new FixtureDns()) {
            Files.writeString(control.resolve("dnsservers"), "127.0.0.1:" + dns.address().getPort() + "\n");
            crashAndCheck();
        }
    }

    private void crashAndCheck() throws Exception {
        Process server = startServer();
        int port = waitForPort(server);
        Map<String, byte[]> accepted = new ConcurrentHashMap<>();
        AtomicInteger sent = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            clients.add(Thread.ofVirtual().start(() -> sendUntilFailure(port, sent, accepted)));
        }
        while (accepted.size() < 150) {
            Thread.sleep(5);
        }
        server.destroyForcibly();                                     // SIGKILL: no shutdown hook runs
        assertTrue(server.waitFor(10, TimeUnit.SECONDS));
        for (Thread client : clients) {
            client.join(10_000);
        }

        try (Queue queue = Queue.open(prefix.resolve("queue"))) {
            for (Map.Entry<String, byte[]> message : accepted.entrySet()) {
                try (InputStream stored = queue.read(new QueueId(message.getKey())).openMessage()) {
                    assertArrayEquals(message.getValue(), asSent(stored.readAllBytes()),
                            "message " + message.getKey());
                }
            }
            assertTrue(queue.list().size() >= accepted.size());
        }
        Process again = startServer();
        try {
            assertTrue(waitForPort(again) > 0, "the server starts again on the queue it crashed on");
        } finally {
            again.destroy();
            again.waitFor(10, TimeUnit.SECONDS);
        }
        System.out.printf("crash test: %d messages sent, %d got 250 before SIGKILL, all found intact%n",
                sent.get(), accepted.size());
    }

    private Process startServer() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        // Intake only: this test counts what the queue holds, so delivery must not empty it meanwhile.
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "org.godshell.toaster.cli.Toaster", "smtpd", "--no-deliver", "--prefix", prefix.toString())
                .redirectError(prefix.resolve("smtpd.log").toFile())
                .start();
    }

    private static int waitForPort(Process server) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertTrue(line != null, "the server printed nothing; see smtpd.log");
        Matcher matcher = LISTENING.matcher(line);
        assertTrue(matcher.matches(), line);
        return Integer.parseInt(matcher.group(2));
    }

    private static void sendUntilFailure(int port, AtomicInteger sent, Map<String, byte[]> accepted) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            expect(in, "220");
            command(out, in, "HELO crash.client", "250");
            while (true) {
                int n = sent.incrementAndGet();
                byte[] message = ("Subject: message " + n + "\r\nMessage-ID: <" + n + "@crash.test>\r\n\r\n"
                        + ("line of message " + n + " ").repeat(40) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                command(out, in, "MAIL FROM:<s@crash.client>", "250");
                command(out, in, "RCPT TO:<r@local.test>", "250");
                command(out, in, "DATA", "354");
                out.write(message);
                out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String reply = DialogueTest.readLine(in);
                if (reply == null) {
                    return;                                                 // killed before it answered
                }
                Matcher queued = QUEUED.matcher(reply);
                assertTrue(queued.matches(), reply);
                accepted.put(queued.group(1), message);
            }
        } catch (IOException | AssertionError e) {
            // The server was killed: this session ends here.
        }
    }

    private static void command(OutputStream out, InputStream in, String line, String code) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(in, code);
    }

    private static void expect(InputStream in, String code) throws IOException {
        String reply = DialogueTest.readLine(in);
        if (reply == null || !reply.startsWith(code + " ")) {
            throw new IOException("expected " + code + ", got " + reply);
        }
    }

    /** Our Received header is three lines: "Received: from", "\tby", "\tfor ...; date". */
    /** The message as the client sent it: without our Authentication-Results and Received fields on top. */
    static byte[] asSent(byte[] stored) {
        String text = new String(stored, StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("Authentication-Results: crash.test;"), "no Authentication-Results first");
        text = text.substring(text.indexOf("\r\nReceived: from ") + 2);
        assertTrue(text.startsWith("Received: from "), "no Received header after it");
        int end = text.indexOf("\r\n\tfor ");
        end = text.indexOf("\r\n", end + 2) + 2;
        assertEquals("Subject", text.substring(end, end + 7));
        return text.substring(end).getBytes(StandardCharsets.ISO_8859_1);
    }
}
