package org.godshell.toaster.mailmetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Label;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLSocket;
import org.godshell.toaster.auth.AuthThrottle;
import org.godshell.toaster.config.Pop3Config;
import org.godshell.toaster.config.Live;
import org.godshell.toaster.metrics.Samples;
import org.godshell.toaster.pop3.Accounts;
import org.godshell.toaster.pop3.Pop3Log;
import org.godshell.toaster.pop3.Pop3Server;
import org.godshell.toaster.tls.TlsSource;
import org.godshell.toaster.tls.TrustOnly;
import org.godshell.toaster.users.UserStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real POP3 logins over TLS on loopback, good, wrong and hostile, then the counts and their labels. */
class Pop3MetricsTest {

    @TempDir
    Path prefix;

    @Test
    void loginsAreCountedByOutcomeOnly() throws Exception {
        Path control = Files.createDirectories(prefix.resolve("control"));
        Files.writeString(control.resolve("servercert.pem"), MetricsTestServer.certificate());
        UserStore users = UserStore.open(prefix);
        users.addDomain("local.test");
        users.addUser("ann@local.test", "ann's password".toCharArray());
        AuthThrottle throttle = new AuthThrottle(Clock.systemUTC(), Duration.ZERO);
        Optional<TlsSource> tls = TlsSource.watch(control, line -> { });
        Pop3dMetrics metrics = Pop3dMetrics.create(throttle, tls, Clock.systemUTC());
        Pop3Config config = new Pop3Config("pop.test", List.of(), List.of(new InetSocketAddress("127.0.0.1", 0)),
                Duration.ofSeconds(30), 40, 40);
        Pop3Server server = new Pop3Server(Live.fixed(config), new Accounts(users::verify, throttle,
                prefix.resolve("domains")), tls, new Pop3Log(new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8)), metrics.logins());
        server.start();
        try {
            assertTrue(login(server, "ann@local.test", "ann's password").startsWith("+OK"));
            assertTrue(login(server, "ann@local.test", "wrong").startsWith("-ERR"));
            assertTrue(login(server, "zq\u00e9\"}outcome=\"ok@local.test", "x").startsWith("-ERR"));
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
        PrometheusRegistry registry = metrics.registry();
        assertEquals(1, Samples.value(registry, "toaster_pop3_logins_total", "outcome", "ok"));
        assertEquals(2, Samples.value(registry, "toaster_pop3_logins_total", "outcome", "failed"));
        assertEquals(0, Samples.value(registry, "toaster_pop3_logins_total", "outcome", "blocked"));
        assertTrue(Samples.value(registry, "toaster_tls_certificate_expiry_seconds", "certificate", "default",
                "daemon", "pop3d") > 0);
        for (Samples.Series series : Samples.all(registry)) {
            if (series.name().startsWith("toaster_")) {
                for (Label label : series.labels()) {
                    assertTrue(Set.of("outcome=ok", "outcome=failed", "outcome=blocked", "certificate=default",
                            "daemon=pop3d")
                            .contains(label.getName() + "=" + label.getValue()), series.toString());
                }
            }
        }
    }

    /** USER and PASS over TLS on connect; the reply to PASS. */
    private static String login(Pop3Server server, String user, String password) throws Exception {
        InetSocketAddress address = server.addresses().get(0);
        try (SSLSocket tls = (SSLSocket) TrustOnly.certificateIn(MetricsTestServer.certificate())
                .getSocketFactory().createSocket(address.getAddress(), address.getPort())) {
            tls.setSoTimeout(30_000);
            InputStream in = tls.getInputStream();
            OutputStream out = tls.getOutputStream();
            line(in);
            say(out, "USER " + user);
            line(in);
            say(out, "PASS " + password);
            String reply = line(in);
            say(out, "QUIT");
            return reply;
        }
    }

    private static void say(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
