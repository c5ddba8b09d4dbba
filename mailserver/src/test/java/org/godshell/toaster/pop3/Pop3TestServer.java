package org.godshell.toaster.pop3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.godshell.toaster.auth.AuthThrottle;
import org.godshell.toaster.config.Pop3Config;
import org.godshell.toaster.logline.LogFormat;
import org.godshell.toaster.tls.SelfSigned;
import org.godshell.toaster.tls.TlsSource;
import org.godshell.toaster.tls.TrustOnly;
import org.godshell.toaster.users.UserStore;

/**
 * A real POP3 server on two ephemeral loopback ports (plain with STLS, and TLS on connect) over a temporary
 * toaster prefix with the domain {@code local.test}, a self-signed certificate for {@code pop.test}, and a
 * user store whose passwords are real SHA512-CRYPT hashes.
 */
final class Pop3TestServer implements AutoCloseable {

    private static String pem;

    final Path prefix;
    final UserStore users;
    final Pop3Server server;
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();

    Pop3TestServer(Path prefix) throws Exception {
        this(prefix, Duration.ofSeconds(30), 40);
    }

    Pop3TestServer(Path prefix, Duration timeout, int maxConnections) throws Exception {
        this(prefix, timeout, maxConnections, LogFormat.TEXT);
    }

    /** {@code format}: how the log is written, as {@code control/logformat} would say. */
    Pop3TestServer(Path prefix, LogFormat format) throws Exception {
        this(prefix, Duration.ofSeconds(30), 40, format);
    }

    private Pop3TestServer(Path prefix, Duration timeout, int maxConnections, LogFormat format) throws Exception {
        this.prefix = prefix;
        Path control = Files.createDirectories(prefix.resolve("control"));
        Files.writeString(control.resolve("servercert.pem"), certificate());
        users = UserStore.open(prefix);
        users.addDomain("local.test");
        Pop3Log log = new Pop3Log(new PrintStream(logBytes, true, StandardCharsets.UTF_8), format);
        Pop3Config config = new Pop3Config("pop.test", List.of(loopback()), List.of(loopback()), timeout,
                maxConnections, 10);
        // No delay per failure, so throttle tests run fast; the counting and blocking are the real ones.
        Accounts accounts = new Accounts(users.authenticator(), new AuthThrottle(Clock.systemUTC(), Duration.ZERO),
                prefix.resolve("domains"), users::mailboxHost, users.sharedDatabase());
        server = new Pop3Server(config, accounts, TlsSource.watch(control, line -> log.event("-", line)), log);
        server.start();
    }

    static synchronized String certificate() throws Exception {
        if (pem == null) {
            pem = SelfSigned.create("pop.test");
        }
        return pem;
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress("127.0.0.1", 0);
    }

    InetSocketAddress plain() {
        return server.addresses().get(0);
    }

    InetSocketAddress implicitTls() {
        return server.addresses().get(1);
    }

    Path maildir(String local) {
        return prefix.resolve("domains/local.test").resolve(local).resolve("Maildir");
    }

    /** Adds a user with its Maildir. */
    void user(String local, String password) throws Exception {
        users.addUser(local + "@local.test", password.toCharArray());
    }

    /** Puts a message file into {@code new/} or {@code cur/} of the user's Maildir. */
    Path deliver(String local, String dir, String name, String content) throws IOException {
        Path file = maildir(local).resolve(dir).resolve(name);
        Files.write(file, content.getBytes(StandardCharsets.ISO_8859_1));
        return file;
    }

    /** Waits until no session is open, so the locks of dropped connections are released. */
    void awaitIdle() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.openSessions() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    String log() {
        synchronized (logBytes) {
            return logBytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** A TLS client over {@code plain} that trusts only the test certificate and checks the name pop.test. */
    static SSLSocket handshake(Socket plain) throws Exception {
        String text = certificate();
        SSLContext context = TrustOnly.certificateIn(text);
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, "pop.test", plain.getPort(), true);
        var parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setServerNames(List.of(new SNIHostName("pop.test")));
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        return tls;
    }

    @Override
    public void close() {
        server.stop(Duration.ofSeconds(1));
    }
}
