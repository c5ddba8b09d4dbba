package org.godshell.toaster.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.godshell.toaster.auth.AuthThrottle;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.config.Live;
import org.godshell.toaster.config.Pop3Config;
import org.godshell.toaster.mailmetrics.MetricsEndpoints;
import org.godshell.toaster.mailmetrics.Pop3dMetrics;
import org.godshell.toaster.metrics.MetricsEndpoint;
import org.godshell.toaster.pop3.Accounts;
import org.godshell.toaster.pop3.Pop3Log;
import org.godshell.toaster.pop3.Pop3Server;
import org.godshell.toaster.tls.TlsSource;
import org.godshell.toaster.users.UserStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code toaster pop3d}: runs the POP3 server in the foreground until SIGTERM or Ctrl-C, then stops gracefully.
 * The log goes to stderr. Logins need TLS, so the server refuses to start without {@code servercert.pem}, and
 * with neither {@code listen-pop3} nor {@code listen-pop3s} it has nothing to do and says so.
 */
@Command(name = "pop3d", mixinStandardHelpOptions = true,
        description = "Run the POP3 server in the foreground (stop with Ctrl-C or SIGTERM). It listens where "
                + "PREFIX/control/listen-pop3 (STLS, port 110) and listen-pop3s (TLS on connect, port 995) say, "
                + "and serves the Maildirs of the users in PREFIX/domains.")
final class Pop3dCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private PrefixOption prefix;

    @Option(names = "--grace", paramLabel = "SECONDS", defaultValue = "10",
            description = "On stop, how long sessions sending a message may take to finish "
                    + "(default: ${DEFAULT-VALUE}).")
    private int graceSeconds;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path control = prefix.control();
        Pop3Log log;
        try {
            log = new Pop3Log(System.err, DaemonLogs.format(control));
        } catch (ConfigException e) {
            err.println("toaster pop3d: " + e.getMessage());
            return 1;
        }
        Live<Pop3Config> live;
        Optional<TlsSource> tls;
        Controls controls = new Controls(control, line -> log.event("-", line));
        try {
            // Read strictly now (a bad file stops the start), then again at the connection after each edit.
            live = Live.of(controls, Pop3Config::make,
                    line -> log.event("-", line));
            tls = TlsSource.watch(control, line -> log.event("-", line));
        } catch (ConfigException e) {
            err.println("toaster pop3d: " + e.getMessage());
            return 1;
        }
        Pop3Config config = live.get();
        if (config.listenPop3().isEmpty() && config.listenPop3s().isEmpty()) {
            err.println("toaster pop3d: neither " + control.resolve("listen-pop3") + " nor "
                    + control.resolve("listen-pop3s") + " exists, so there is nothing to listen on; write one "
                    + "address:port per line, such as 0.0.0.0:995 in listen-pop3s");
            return 1;
        }
        if (tls.isEmpty()) {
            err.println("toaster pop3d: POP3 logins need TLS and there is no " + control.resolve("servercert.pem")
                    + "; make one with: toaster cert selfsigned --host HOST");
            return 1;
        }
        UserStore users = UserStore.open(prefix.prefix(), line -> log.event("-", line));
        Accounts accounts = new Accounts(users.authenticator(), new AuthThrottle(Clock.systemUTC()),
                prefix.prefix().resolve("domains"), users::mailboxHost, users.sharedDatabase());
        // pop3d is a process of its own, so it serves its own metrics (mailmetrics/metrics.md says why).
        Pop3dMetrics metrics = Pop3dMetrics.create(accounts.throttle(), tls, Clock.systemUTC());
        Pop3Server server = new Pop3Server(live, accounts, tls, log, metrics.logins());
        Optional<MetricsEndpoint> endpoint = Optional.empty();
        try {
            endpoint = MetricsEndpoints.start("pop3d", controls, ControlFiles.LISTEN_METRICS_POP3D, tls,
                    metrics.registry(), line -> log.event("-", line));
            server.start();
        } catch (IOException | ConfigException e) {
            endpoint.ifPresent(MetricsEndpoint::close);
            err.println("toaster pop3d: " + e.getMessage());
            return 1;
        }
        Optional<MetricsEndpoint> started = endpoint;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(Duration.ofSeconds(Math.max(0, graceSeconds)));
            started.ifPresent(MetricsEndpoint::close);
            stopped.countDown();
        }, "pop3d-stop"));
        List<InetSocketAddress> addresses = server.addresses();
        for (int i = 0; i < addresses.size(); i++) {
            InetSocketAddress address = addresses.get(i);
            out.println("pop3d: listening on " + address.getAddress().getHostAddress() + ":" + address.getPort()
                    + " as " + config.me() + (i < config.listenPop3().size() ? " (POP3, STLS before login)"
                    : " (POP3S: TLS on connect)"));
        }
        out.println(started.map(e -> "pop3d: metrics on " + e.url())
                .orElse("pop3d: metrics off (control/listen-metrics-pop3d)"));
        out.flush();
        stopped.await();
        return 0;
    }
}
