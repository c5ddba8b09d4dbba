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
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.config.DeliveryConfig;
import org.godshell.toaster.config.Live;
import org.godshell.toaster.config.SmtpConfig;
import org.godshell.toaster.deliver.Injector;
import org.godshell.toaster.deliver.QueueRunner;
import org.godshell.toaster.deliver.Router;
import org.godshell.toaster.deliver.local.LocalDelivery;
import org.godshell.toaster.deliver.local.Maildir;
import org.godshell.toaster.deliver.remote.DaneRule;
import org.godshell.toaster.deliver.remote.MtaStsRule;
import org.godshell.toaster.deliver.remote.RemoteConfig;
import org.godshell.toaster.deliver.remote.RemoteDelivery;
import org.godshell.toaster.dkim.keys.DomainKeys;
import org.godshell.toaster.mailmetrics.MetricsEndpoints;
import org.godshell.toaster.mailmetrics.SmtpdMetrics;
import org.godshell.toaster.metrics.MetricsEndpoint;
import org.godshell.toaster.msgauth.AuthSettings;
import org.godshell.toaster.msgauth.Forwarding;
import org.godshell.toaster.msgauth.MailAuthentication;
import org.godshell.toaster.msgauth.MessageChecks;
import org.godshell.toaster.msgauth.MessageMemory;
import org.godshell.toaster.mtasts.MtaSts;
import org.godshell.toaster.queue.Queue;
import org.godshell.toaster.smtpd.Logins;
import org.godshell.toaster.smtpd.Recipients;
import org.godshell.toaster.smtpd.SmtpServer;
import org.godshell.toaster.smtpd.TransactionLog;
import org.godshell.toaster.spp.SppEngine;
import org.godshell.toaster.tls.TlsConfig;
import org.godshell.toaster.tlsrpt.TlsResults;
import org.godshell.toaster.users.UserStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code toaster smtpd}: runs the SMTP server in the foreground until SIGTERM or Ctrl-C, then stops gracefully.
 * The log (one line per transaction) goes to stderr, for systemd's journal or a log collector.
 */
@Command(name = "smtpd", mixinStandardHelpOptions = true,
        description = "Run the SMTP server in the foreground (stop with Ctrl-C or SIGTERM). Settings come from "
                + "PREFIX/control, mail goes to PREFIX/queue.")
final class SmtpdCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private PrefixOption prefix;

    @Option(names = "--no-deliver",
            description = "Accept mail into the queue but do not deliver it (for benchmarks of intake, or while "
                    + "the queue is being inspected); by default this process also delivers.")
    private boolean noDeliver;

    @Option(names = "--grace", paramLabel = "SECONDS", defaultValue = "10",
            description = "On stop, how long sessions receiving a message may take to finish (default: ${DEFAULT-VALUE}).")
    private int graceSeconds;

    /**
     * AUTH checks the installation's users (domains/DOMAIN/passwd), inside TLS only; the submission port
     * (control/listen-submission) needs a certificate, since it is useless without TLS.
     */
    private static Logins logins(Controls control, TlsConfig tls, UserStore users) throws ConfigException {
        List<InetSocketAddress> submission = control.get(ControlFiles.LISTEN_SUBMISSION);
        if (!submission.isEmpty() && tls.server().isEmpty()) {
            throw new ConfigException(control.path(ControlFiles.LISTEN_SUBMISSION), 0, "offers submission, which "
                    + "needs TLS, but there is no " + control.path(ControlFiles.SERVERCERT_PEM) + "; make one with: "
                    + "toaster cert selfsigned --host HOST");
        }
        return Logins.with(users.authenticator(), users::scram, users::cramMd5, submission);
    }

    /** What a listener serves, after its address in the start-up lines. */
    private static String kind(SmtpServer.Port port) {
        return switch (port) {
            case SMTP -> "";
            case SMTPS -> " (SMTPS: TLS on connect, login required)";
            case SUBMISSION -> " (submission: STARTTLS, login required)";
        };
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TransactionLog log;
        try {
            log = new TransactionLog(System.err, DaemonLogs.format(prefix.control()));
        } catch (ConfigException e) {
            err.println("toaster smtpd: " + e.getMessage());
            return 1;
        }
        Live<SmtpConfig> config;
        SppEngine plugins;
        TlsConfig tls;
        Logins logins;
        Live<DeliveryConfig> delivery;
        Live<RemoteConfig> remote;
        Live<AuthSettings> authentication;
        UserStore users = UserStore.open(prefix.prefix(), line -> log.event("-", line));
        // Every setting is read here once, strictly (a bad file stops the start), then again whenever it changes.
        Controls control = new Controls(prefix.control(), line -> log.event("-", line));
        try {
            config = Live.of(control, SmtpConfig::make, line -> log.event("-", line));
            tls = TlsConfig.load(control, line -> log.event("-", line));
            logins = logins(control, tls, users);
            plugins = SppEngine.load(control, config.get().rules(), line -> log.event("-", line));
            delivery = Live.of(control, DeliveryConfig::make, line -> log.event("-", line));
            remote = Live.of(control, RemoteConfig::make, line -> log.event("-", line));
            authentication = Live.of(control, AuthSettings::make, line -> log.event("-", line));
        } catch (ConfigException e) {
            err.println("toaster smtpd: " + e.getMessage());
            return 1;
        }
        // One registry for this process, made before anything it counts starts.
        SmtpdMetrics metrics = SmtpdMetrics.create(logins.throttle(), tls.server(), Clock.systemUTC());
        Path queueDir = prefix.prefix().resolve("queue");
        try (Queue queue = Queue.open(queueDir)) {
            // Before delivery starts, so that remote delivery has where to record its TLS sessions from the first.
            TlsReports reports = noDeliver ? null : TlsReports.start(prefix.prefix(), control,
                    () -> delivery.get().me(), queue, users, line -> log.event("-", line));
            QueueRunner runner;
            try {
                runner = noDeliver ? null : startDelivery(queueDir, queue, users, delivery, remote, reports.results(),
                        log, metrics);
            } catch (IOException e) {
                if (reports != null) {
                    reports.close();
                }
                throw e;
            }
            DomainKeys keys = new DomainKeys(prefix.prefix(), line -> log.event("-", line));
            MessageChecks checks = new MailAuthentication(authentication, keys::signingKeys,
                    Forwarding.of(users, LocalDelivery.MAX_HOPS),
                    new MessageMemory(MessageMemory.DEFAULT_BYTES), Clock.systemUTC());
            SmtpServer server = new SmtpServer(config, queue, plugins, tls, logins, Recipients.of(users), checks,
                    log, metrics.smtp());
            log.event("-", tls.server().isPresent()
                    ? "STARTTLS offered with " + control.path(ControlFiles.SERVERCERT_PEM)
                    : "no control/servercert.pem: STARTTLS not offered (make one: toaster cert selfsigned --host HOST)");
            Optional<MetricsEndpoint> endpoint = Optional.empty();
            try {
                endpoint = MetricsEndpoints.start("smtpd", control, ControlFiles.LISTEN_METRICS,
                        MetricsEndpoints.GATHERED_BY_SMTPD, tls.server(),
                        metrics.registry(), line -> log.event("-", line));
                server.start();
            } catch (IOException | ConfigException e) {
                // A port that cannot be bound: stop delivery before the queue closes under it.
                endpoint.ifPresent(MetricsEndpoint::close);
                if (runner != null) {
                    runner.stop(Duration.ZERO);
                    reports.close();
                }
                throw e;
            }
            metrics.listening(server.addresses().stream().map(InetSocketAddress::getPort).toList());
            Optional<MetricsEndpoint> started = endpoint;
            CountDownLatch stopped = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                server.stop(Duration.ofSeconds(Math.max(0, graceSeconds)));
                started.ifPresent(MetricsEndpoint::close);
                if (runner != null) {
                    runner.stop(Duration.ofSeconds(Math.max(0, graceSeconds)));
                    reports.close();
                }
                stopped.countDown();
            }, "smtpd-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            for (SmtpServer.Listener listener : server.listeners()) {
                InetSocketAddress address = listener.address();
                out.println("smtpd: listening on " + address.getAddress().getHostAddress() + ":" + address.getPort()
                        + " as " + config.get().me() + kind(listener.port()));
            }
            out.println(started.map(e -> "metrics: " + e.url()).orElse("metrics: off (control/listen-metrics)"));
            out.println(runner == null ? "delivery: off (--no-deliver); mail stays in " + queueDir
                    : "delivery: on, from " + queueDir + " to " + prefix.prefix().resolve("domains")
                    + " and remote hosts");
            out.flush();
            stopped.await();
            return 0;
        } catch (IOException | ConfigException e) {
            err.println("toaster smtpd: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Starts delivery in this process (deliver/delivery.md says why it is not a daemon of its own): local
     * mailboxes through the same user store as AUTH, remote hosts by MX or smtproutes, held to DANE (RFC 7672)
     * before MTA-STS (RFC 8461 §2), whose policies are cached in the prefix's var/mta-sts/ (next to the queue),
     * every TLS session's outcome kept in {@code results} for the daily TLS reports (RFC 8460).
     */
    private static QueueRunner startDelivery(Path queueDir, Queue queue, UserStore users,
            Live<DeliveryConfig> config, Live<RemoteConfig> remote, TlsResults results, TransactionLog log,
            SmtpdMetrics metrics) throws IOException {
        Clock clock = Clock.systemUTC();
        LocalDelivery local = new LocalDelivery(users, new Maildir(), new Injector(queue, () -> config.get().me(),
                clock));
        MtaSts policies = MtaSts.in(queueDir.resolveSibling("var").resolve("mta-sts"));
        DaneRule dane = new DaneRule(clock, line -> log.event("-", line));
        Router router = new Router(users, local, new RemoteDelivery(remote, List.of(dane, new MtaStsRule(policies)),
                results), () -> config.get().me());
        QueueRunner runner = QueueRunner.start(queueDir, queue, router, config, clock, line -> log.event("-", line),
                metrics.delivery());
        metrics.queue(runner.tally());
        return runner;
    }
}
