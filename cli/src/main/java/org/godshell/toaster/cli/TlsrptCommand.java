package org.godshell.toaster.cli;

import static org.godshell.toaster.cli.DomainCommand.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.deliver.Requests;
import org.godshell.toaster.layout.Owners;
import org.godshell.toaster.queue.Queue;
import org.godshell.toaster.tlsrpt.send.ReportState;
import org.godshell.toaster.tlsrpt.send.Reporter;
import org.godshell.toaster.tlsrpt.store.DayFiles;
import org.godshell.toaster.users.UserStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code toaster tlsrpt report}: one day's TLS reports (RFC 8460), printed or sent by hand. */
@Command(name = "tlsrpt", mixinStandardHelpOptions = true,
        description = "SMTP TLS reports (RFC 8460) about our outbound TLS sessions: report.",
        subcommands = {TlsrptCommand.Report.class})
final class TlsrptCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Sending queues mail reports as the user running the command, so it must be the owner of {@code queue/}
     * (a message the delivery daemon cannot read would stay there); each one queued is handed to the running
     * daemon as a {@code toaster queue retry}. The day is then noted as reported, so the daily job does not
     * send it again.
     */
    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Make the reports of one UTC day (default: yesterday) from var/tlsrpt/ and send them to "
                    + "the domains that publish a _smtp._tls record; --dry-run prints them and sends nothing.")
    static final class Report implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private PrefixOption prefix;

        @Option(names = "--day", paramLabel = "YYYY-MM-DD", description = "The UTC day (default: yesterday).")
        private String day;

        @Option(names = "--dry-run", description = "Print each report and where it would go; send nothing.")
        private boolean dryRun;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            LocalDate chosen;
            try {
                chosen = day == null ? LocalDate.now(ZoneOffset.UTC).minusDays(1) : LocalDate.parse(day);
            } catch (DateTimeParseException e) {
                spec.commandLine().getErr().println("toaster tlsrpt report: --day takes a date such as 2026-03-14, "
                        + "not " + day);
                return 2;
            }
            Path root = prefix.prefix();
            Path queueDir = root.resolve("queue");
            try {
                String owner = Files.getOwner(queueDir).getName();
                if (!dryRun && !owner.equals(System.getProperty("user.name"))) {
                    return fail(spec, "sending queues mail as the owner of " + queueDir + "; run it as " + owner
                            + " (sudo -u " + owner + " toaster tlsrpt report ...), or use --dry-run");
                }
                Controls control = Controls.once(root.resolve("control"));
                String me = control.get(ControlFiles.ME);
                Requests requests = Requests.open(queueDir, Owners.of(root)::handOver);
                Reporter.Summary summary;
                try (Queue queue = Queue.open(queueDir)) {
                    Reporter reporter = TlsReports.reporter(control, () -> me, queue, UserStore.open(root),
                            Clock.systemUTC(), id -> requests.submit(new Requests.Request.Retry(id)), out::println);
                    if (!dryRun) {
                        ReportState.in(DayFiles.under(root).dir()).note(chosen, out::println);
                    }
                    summary = reporter.run(chosen, dryRun, out::println);
                }
                out.println("tlsrpt " + chosen + ": " + summary.reports() + " report(s)" + (dryRun ? " (dry run)"
                        : ", " + summary.sent() + " sent, " + summary.failed() + " failed"));
                out.flush();
                return summary.failed() == 0 ? 0 : 1;
            } catch (ConfigException | IOException e) {
                return fail(spec, e.getMessage());
            }
        }
    }
}
