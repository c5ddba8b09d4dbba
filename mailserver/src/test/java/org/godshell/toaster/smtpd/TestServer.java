package org.godshell.toaster.smtpd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.config.Live;
import org.godshell.toaster.config.SmtpConfig;
import org.godshell.toaster.msgauth.MessageChecks;
import org.godshell.toaster.queue.Queue;
import org.godshell.toaster.spp.SppEngine;
import org.godshell.toaster.tls.TlsConfig;
import org.godshell.toaster.users.UserStore;

/** A real server on an ephemeral loopback port, with its control files and queue in a temporary directory. */
final class TestServer implements AutoCloseable {

    /** The control files every test starts from; a test overrides or adds files. */
    static Map<String, String> defaults() {
        Map<String, String> control = new LinkedHashMap<>();
        control.put("me", "mx.test");
        control.put("rcpthosts", "local.test\n");
        control.put("listen-smtp", "127.0.0.1:0\n");
        return control;
    }

    final Queue queue;
    private final UserStore users;
    final SmtpServer server;
    final Path root;
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();

    TestServer(Path root, Map<String, String> control) throws Exception {
        this(root, control, Map.of());
    }

    /** {@code programs}: executable files to create under the prefix first, such as plugins. */
    TestServer(Path root, Map<String, String> control, Map<String, String> programs) throws Exception {
        this(root, control, programs, Logins.none());
    }

    /** {@code logins}: the AUTH setup, for tests of SMTP AUTH. */
    TestServer(Path root, Map<String, String> control, Map<String, String> programs, Logins logins)
            throws Exception {
        this(root, control, programs, logins, dir -> MessageChecks.NONE);
    }

    /** {@code checks}: the message checks after DATA, made from the control directory the test wrote. */
    TestServer(Path root, Map<String, String> control, Map<String, String> programs, Logins logins,
            ChecksMaker checks) throws Exception {
        this.root = root;
        Path controlDir = Files.createDirectories(root.resolve("control"));
        for (Map.Entry<String, String> file : control.entrySet()) {
            Files.writeString(controlDir.resolve(file.getKey()), file.getValue());
        }
        for (Map.Entry<String, String> program : programs.entrySet()) {
            Path file = root.resolve(program.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, program.getValue());
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        queue = Queue.open(root.resolve("queue"));
        users = UserStore.open(root);
        SmtpConfig config = SmtpConfig.load(controlDir);
        TransactionLog log = new TransactionLog(new PrintStream(logBytes, true, StandardCharsets.UTF_8),
                Controls.once(controlDir).get(ControlFiles.LOGFORMAT));
        server = new SmtpServer(Live.fixed(config), queue,
                SppEngine.load(root, config.rules(), line -> log.event("-", line)),
                TlsConfig.load(Controls.once(controlDir), line -> log.event("-", line)), logins,
                Recipients.of(users), checks.make(controlDir), log);
        server.start();
    }

    /** Makes the message checks of a test's server from its control directory. */
    @FunctionalInterface
    interface ChecksMaker {
        MessageChecks make(Path control) throws Exception;
    }

    InetSocketAddress address() {
        return server.addresses().get(0);
    }

    /**
     * Returns once {@code condition} holds, asked every 50 ms. Only outcomes the server reaches in its own time are
     * waited for, with a deadline far beyond what they take on an idle machine: load makes the test slower, not red.
     */
    static void await(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what);
            Thread.sleep(50);
        }
    }

    String log() {
        synchronized (logBytes) {
            return logBytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() throws IOException {
        server.stop(Duration.ofSeconds(1));
        queue.close();
        users.close();
    }
}
