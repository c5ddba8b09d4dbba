package org.godshell.toaster.spp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.filter.rspamd.RspamdClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * builtin:rspamd against the real rspamd (Debian's package), started here in the foreground on a free loopback
 * port with Debian's rules and a configuration of its own in a temporary directory: one normal worker, no
 * controller, no proxy, no redis, and a nameserver that answers nothing (127.0.0.1:1), so that no rule reaches
 * the Internet. GTUBE is refused with 554, a plain message gets the X-Spam headers, a bounce's null sender is
 * understood, and once rspamd is stopped the plugin fails.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RspamdTest {

    private static final Path RSPAMD = Path.of("/usr/bin/rspamd");
    /** rspamd's own test pattern (rspamd.com/doc/other/gtube_patterns.html), refused by its core. */
    private static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";

    @TempDir
    static Path temp;
    private static Process rspamd;
    private static int port;
    private static RspamdClient client;
    private static BuiltinRspamd plugin;
    /** The client's name, asked as on a real host: 127.0.0.1 is localhost both ways. */
    private static FixtureDns dns;

    @BeforeAll
    static void start() throws Exception {
        requireRspamd();
        port = freePort();
        rspamd = launch(port);
        awaitPong();
        client = new RspamdClient();
        dns = new FixtureDns().ptr("127.0.0.1", "localhost.").a("localhost.", "127.0.0.1");
        plugin = BuiltinRspamd.parse("smtpplugins:2", "builtin:rspamd", "", new BuiltinRspamd.Target(client,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port), Duration.ofSeconds(60)), dns.dns());
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (dns != null) {
            dns.close();
        }
        if (rspamd != null) {
            halt(rspamd);
        }
    }

    @Test
    @Order(1)
    void gtubeIsRefusedWith554() throws Exception {
        PluginRun run = plugin.run(Section.BODY, body("a@example.com", "Subject: test\r\n\r\n" + GTUBE + "\r\n"));
        assertEquals(Optional.empty(), run.failure(), run.stderr());
        assertEquals(1, run.lines().size(), run.lines().toString());
        assertTrue(run.lines().getFirst().startsWith("E554 5.7.1 message rejected as spam"), run.lines().toString());
        assertTrue(run.stderr().startsWith("rspamd: reject, "), run.stderr());
    }

    @Test
    @Order(2)
    void aPlainMessageGetsTheHeadersAndNoRefusal() throws Exception {
        PluginRun run = plugin.run(Section.BODY, body("a@example.com", "Subject: lunch\r\n\r\nShall we have lunch "
                + "tomorrow at noon?\r\n"));
        assertEquals(Optional.empty(), run.failure(), run.stderr());
        assertEquals("HX-Spam: No", run.lines().getFirst(), run.stderr());
        assertTrue(run.lines().get(1).matches("HX-Spam-Score: -?[0-9]+\\.[0-9]{2} / [0-9]+\\.[0-9]{2}"),
                run.lines().toString());
        assertTrue(run.lines().stream().noneMatch(line -> line.startsWith("E") || line.startsWith("R")),
                run.lines().toString());
    }

    @Test
    @Order(3)
    void aBouncesNullSenderIsUnderstood() throws Exception {
        PluginRun run = plugin.run(Section.BODY, body("", "Subject: Undelivered Mail\r\n\r\nYour message could not "
                + "be delivered.\r\n"));
        assertEquals(Optional.empty(), run.failure(), run.stderr());
        assertTrue(run.stderr().startsWith("rspamd: "), run.stderr());
    }

    @Test
    @Order(4)
    void onceRspamdIsStoppedThePluginFails() throws Exception {
        halt(rspamd);
        PluginRun run = plugin.run(Section.BODY, body("a@example.com", "Subject: later\r\n\r\nhello\r\n"));
        assertTrue(run.failure().orElseThrow().startsWith("rspamd at 127.0.0.1:" + port + ": "),
                run.failure().toString());
        assertEquals(List.of(), run.lines());
    }

    /** A [body] environment: the message file as the session writes it, from a client on loopback. */
    private static Map<String, String> body(String sender, String content) throws IOException {
        String date = ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME);
        Path message = Files.createTempFile(temp, "message", ".eml");
        Files.writeString(message, "Received: from client.example ([127.0.0.1]) by mx.example.org; " + date + "\r\n"
                + "From: " + (sender.isEmpty() ? "MAILER-DAEMON@example.com" : sender) + "\r\nTo: b@example.org\r\n"
                + "Date: " + date + "\r\nMessage-ID: <" + message.getFileName() + "@example.com>\r\n" + content,
                StandardCharsets.US_ASCII);
        return Map.of("SMTPMESSAGEFILE", message.toString(), "SMTPMAILFROM", sender, "SMTPRCPTTOALL", "b@example.org",
                "TCPREMOTEIP", "127.0.0.1", "SMTPHELOHOST", "client.example");
    }

    /** Skipped with the reason where rspamd is not installed; under CI it must run, so it fails there. */
    private static void requireRspamd() {
        if (Files.isExecutable(RSPAMD)) {
            return;
        }
        String why = RSPAMD + " is not installed; install it with: apt-get install -y rspamd";
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true, so the rspamd test must run, but " + why);
        }
        Assumptions.abort("skipped: " + why);
    }

    /**
     * In the foreground ({@code -f}) as this test's child, with Debian's rules ({@code $CONFDIR/common.conf}) and
     * everything it writes (database, log, local overrides) in the temporary directory. As root it needs
     * {@code --insecure}: rspamd otherwise refuses to keep its workers running as root.
     */
    private static Process launch(int port) throws IOException {
        Path db = Files.createDirectories(temp.resolve("db"));
        Path local = Files.createDirectories(temp.resolve("local"));
        Path config = Files.writeString(temp.resolve("rspamd.conf"), """
                .include "$CONFDIR/common.conf"
                options {
                    .include "$CONFDIR/options.inc"
                    dns { nameserver = ["127.0.0.1:1"]; timeout = 1s; retransmits = 1; }
                    disable_hyperscan = true;
                }
                logging { type = "file"; filename = "%s"; level = "info"; }
                worker "normal" {
                    bind_socket = "127.0.0.1:%d";
                    count = 1;
                    .include "$CONFDIR/worker-normal.inc"
                }
                """.formatted(temp.resolve("rspamd.log"), port));
        List<String> command = new ArrayList<>(List.of(RSPAMD.toString(), "-f", "-c", config.toString(),
                "-p", temp.resolve("rspamd.pid").toString(), "--var", "LOCAL_CONFDIR=" + local, "--var",
                "DBDIR=" + db));
        if ("root".equals(System.getProperty("user.name"))) {
            command.add("--insecure");
        }
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(temp.resolve("rspamd.out").toFile()).start();
    }

    /** Until {@code GET /ping} answers {@code pong}: the worker has loaded its rules and takes messages. */
    private static void awaitPong() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!rspamd.isAlive()) {
                fail("rspamd exited " + rspamd.exitValue() + ":\n" + output());
            }
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write("GET /ping HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                if (new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).endsWith("pong\r\n")) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet, or the worker not started: ask again.
            }
            Thread.sleep(200);
        }
        fail("rspamd did not answer /ping on port " + port + " within 120 s:\n" + output());
    }

    private static String output() throws IOException {
        Path log = temp.resolve("rspamd.log");
        return Files.readString(temp.resolve("rspamd.out")) + (Files.exists(log) ? Files.readString(log) : "");
    }

    private static void halt(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
