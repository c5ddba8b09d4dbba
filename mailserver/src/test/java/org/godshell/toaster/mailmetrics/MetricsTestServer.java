package org.godshell.toaster.mailmetrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.godshell.toaster.auth.AuthThrottle;
import org.godshell.toaster.auth.Authenticator;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.config.Live;
import org.godshell.toaster.config.SmtpConfig;
import org.godshell.toaster.metrics.MetricsEndpoint;
import org.godshell.toaster.msgauth.MessageChecks;
import org.godshell.toaster.queue.Queue;
import org.godshell.toaster.smtpd.Logins;
import org.godshell.toaster.smtpd.Recipients;
import org.godshell.toaster.smtpd.SmtpServer;
import org.godshell.toaster.smtpd.TransactionLog;
import org.godshell.toaster.spp.SppEngine;
import org.godshell.toaster.tls.SelfSigned;
import org.godshell.toaster.tls.TlsConfig;
import org.godshell.toaster.users.UserStore;

/**
 * A real smtpd on ephemeral loopback ports, wired as {@code toaster smtpd} wires it: the server's observer is the
 * process's {@link SmtpdMetrics}, and its endpoint is started from {@code control/listen-metrics}, gathering the
 * pop3d and wiki endpoints a test names in {@code listen-metrics-pop3d} and {@code listen-metrics-wiki}.
 */
final class MetricsTestServer implements AutoCloseable {

    static final String PASSWORD = "correct horse";
    static final Authenticator USERS = (user, password) ->
            user.equals("bob@local.test") && new String(password).equals(PASSWORD);

    private static String pem;

    final Path root;
    final Queue queue;
    final SmtpServer server;
    final SmtpdMetrics metrics;
    final MetricsEndpoint endpoint;

    /** {@code control}: files on top of the defaults; {@code programs}: executable files under the prefix. */
    MetricsTestServer(Path root, Map<String, String> control, Map<String, String> programs) throws Exception {
        this(root, control, programs, false);
    }

    /** {@code submission}: a submission listener too (RFC 6409: MAIL needs a login there), the second address. */
    MetricsTestServer(Path root, Map<String, String> control, Map<String, String> programs, boolean submission)
            throws Exception {
        this.root = root;
        Path controlDir = Files.createDirectories(root.resolve("control"));
        Map<String, String> files = new LinkedHashMap<>();
        files.put("me", "mx.test");
        files.put("rcpthosts", "local.test\n");
        files.put("listen-smtp", "127.0.0.1:0\n");
        files.put("listen-metrics", "127.0.0.1:0\n");
        files.put("listen-metrics-pop3d", "off\n");            // gathered only where a test starts one
        files.put("listen-metrics-wiki", "off\n");
        files.put("servercert.pem", certificate());
        files.putAll(control);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(controlDir.resolve(file.getKey()), file.getValue());
        }
        for (Map.Entry<String, String> program : programs.entrySet()) {
            Path file = Files.createDirectories(root.resolve(program.getKey()).getParent())
                    .resolve(root.resolve(program.getKey()).getFileName());
            Files.writeString(file, program.getValue());
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        queue = Queue.open(root.resolve("queue"));
        Controls controls = Controls.once(controlDir);
        SmtpConfig config = SmtpConfig.make(controls);
        TransactionLog log = new TransactionLog(new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        TlsConfig tls = TlsConfig.load(controls, line -> { });
        Logins logins = new Logins(Optional.of(USERS), new AuthThrottle(Clock.systemUTC(), Duration.ZERO),
                submission ? List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)) : List.of());
        metrics = SmtpdMetrics.create(logins.throttle(), tls.server(), Clock.systemUTC());
        server = new SmtpServer(Live.fixed(config), queue, SppEngine.load(root, config.rules(), line -> { }), tls,
                logins, Recipients.of(UserStore.open(root)), MessageChecks.NONE, log, metrics.smtp());
        endpoint = MetricsEndpoints.start("smtpd", controls, ControlFiles.LISTEN_METRICS,
                MetricsEndpoints.GATHERED_BY_SMTPD, tls.server(), metrics.registry(), line -> { }).orElseThrow();
        server.start();
        metrics.listening(server.addresses().stream().map(InetSocketAddress::getPort).toList());
    }

    static synchronized String certificate() throws Exception {
        if (pem == null) {
            pem = SelfSigned.create("mx.test");
        }
        return pem;
    }

    InetSocketAddress smtp() {
        return server.addresses().get(0);
    }

    int port() {
        return smtp().getPort();
    }

    /**
     * Waits for what the server does after the client has its last reply (a session's end is counted when its
     * thread finishes): polled, with a deadline far beyond what it takes, so load makes the test slower, not red.
     */
    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what);
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws IOException {
        endpoint.close();
        server.stop(Duration.ofSeconds(1));
        queue.close();
    }
}
