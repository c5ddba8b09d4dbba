package org.godshell.toaster.cli;

import static org.godshell.toaster.cli.DomainCommand.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.config.ReportAddress;
import org.godshell.toaster.logstats.JsonReport;
import org.godshell.toaster.logstats.Since;
import org.godshell.toaster.logstats.Tally;
import org.godshell.toaster.logstats.TextReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code toaster stats}: the pflogsumm of the toaster, from smtpd's and pop3d's logs ({@link StatsSources}) in
 * either {@code control/logformat}, line by line, printed as text or JSON, or queued as a message ({@link
 * StatsMail}); {@code schedule} makes that a daily report ({@link StatsScheduleCommands}), whose timer or crontab
 * line runs {@code --scheduled}.
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "A summary of the mail logs: received, delivered, deferred, bounced, refused by stage and "
                + "reason, AUTH failures, top senders, recipients and clients, plugin verdicts, per hour; "
                + "schedule it as a daily mail.",
        subcommands = {StatsScheduleCommands.Schedule.class, StatsScheduleCommands.Unschedule.class})
final class StatsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;
    @Mixin
    private PrefixOption prefix;

    @Option(names = "--since", paramLabel = "WHEN", defaultValue = "1d",
            description = "From when: a span back from now (1d, 12h, 30m) or an instant (2026-12-06T00:00:00Z); "
                    + "default 1d.")
    private String since;

    @Option(names = "--log", paramLabel = "FILE",
            description = "Read this log file (repeat it; - is standard input) instead of the installation's "
                    + "logs (the journal under systemd, else log/smtpd.log and log/pop3d.log with their rotations); "
                    + "text and JSON lines alike.")
    private List<Path> logs = new ArrayList<>();

    @Option(names = "--json", description = "The report as one JSON object instead of text.")
    private boolean json;

    @Option(names = "--mail", paramLabel = "ADDRESS",
            description = "Queue the report as a plain-text message to ADDRESS instead of printing it; run it as "
                    + "the owner of queue/.")
    private String mail;

    @Option(names = "--scheduled", description = "The daily report (what toaster-stats.timer runs): --mail to the "
            + "address in control/statsmailto, which toaster stats schedule writes.")
    private boolean scheduled;

    private final Clock clock;

    StatsCommand() {
        this(Clock.systemUTC());
    }

    StatsCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        Instant now = clock.instant();
        Instant from;
        try {
            from = Since.parse(since, now);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (scheduled && mail != null) {
            throw new ParameterException(spec.commandLine(), "--scheduled mails to control/statsmailto: give "
                    + "--mail or --scheduled, not both");
        }
        String recipient = mail == null ? null : recipient(mail);
        for (Path log : logs) {
            if (!log.toString().equals("-") && !Files.isRegularFile(log)) {
                throw new ParameterException(spec.commandLine(), "--log " + log + ": no such file");
            }
        }
        Path home = logs.isEmpty() || recipient != null || scheduled ? prefix.prefix() : null;
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Tally tally = new Tally(from, ZoneId.systemDefault());
        try {
            if (scheduled) {
                recipient = Controls.once(home.resolve("control")).get(ControlFiles.STATSMAILTO).orElse(null);
                if (recipient == null) {
                    return fail(spec, "no control/statsmailto, so no address to mail the report to: toaster stats "
                            + "schedule --mail ADDRESS writes it");
                }
            }
            StatsSources sources = logs.isEmpty() ? StatsSources.of(home) : StatsSources.files(logs);
            sources.read(from, tally, line -> err.println("toaster stats: " + line));
            String report = json ? JsonReport.render(tally) + "\n" : TextReport.render(tally);
            if (recipient == null) {
                out.print(report);
                out.flush();
                return 0;
            }
            out.println(StatsMail.queue(home, recipient, now, from, report));
            out.flush();
            return 0;
        } catch (IOException | ConfigException e) {
            return fail(spec, e.getMessage());
        }
    }

    /** {@code --mail}: one address, as RCPT takes it (RFC 5321 §4.1.2), written back as the server writes it. */
    private String recipient(String address) {
        try {
            return ReportAddress.check(address);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--mail takes one mail address such as "
                    + "postmaster@example.org: " + e.getMessage());
        }
    }
}
