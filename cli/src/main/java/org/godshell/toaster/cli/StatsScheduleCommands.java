package org.godshell.toaster.cli;

import static org.godshell.toaster.cli.DomainCommand.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.concurrent.Callable;
import org.godshell.toaster.backup.BackupTimer.Outcome;
import org.godshell.toaster.config.ReportAddress;
import org.godshell.toaster.io.AtomicFile;
import org.godshell.toaster.io.Handover;
import org.godshell.toaster.layout.InstallRecordFile;
import org.godshell.toaster.layout.Owners;
import org.godshell.toaster.layout.StatsUnits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code toaster stats schedule|unschedule}: the daily report's address ({@code control/statsmailto}) and, in a
 * system install, {@value StatsUnits#TIMER} ({@link StatsTimer}); in any other install the crontab line to add
 * instead. Both say the same thing when run twice.
 */
final class StatsScheduleCommands {

    private static final String STATSMAILTO = "control/statsmailto";

    private StatsScheduleCommands() {
    }

    /** Whom a file written into the prefix goes to: the install's owners ({@link Owners}), or, in tests, the writer. */
    @FunctionalInterface
    interface HandoverFor {
        Handover of(Path prefix) throws IOException;
    }

    @Command(name = "schedule", mixinStandardHelpOptions = true,
            description = "Mail the report of the last day every day: writes control/statsmailto, then enables "
                    + "toaster-stats.timer (system install; run it as root) or prints the crontab line to add.")
    static final class Schedule implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private PrefixOption prefix;

        @Option(names = "--mail", required = true, paramLabel = "ADDRESS",
                description = "Where the report goes: one mail address, such as postmaster@example.org.")
        private String mail;

        @Option(names = "--at", paramLabel = "HH:MM", defaultValue = "06:00",
                description = "The local time of day it is sent, 00:00 to 23:59 (default 06:00).")
        private String at;

        private final StatsTimer timer;
        private final HandoverFor handover;

        Schedule() {
            this(StatsTimer.ofThisHost(), home -> Owners.of(home)::handOver);
        }

        Schedule(StatsTimer timer, HandoverFor handover) {
            this.timer = timer;
            this.handover = handover;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            String address;
            LocalTime time;
            try {
                address = ReportAddress.check(mail);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--mail takes one mail address such as "
                        + "postmaster@example.org: " + e.getMessage());
            }
            try {
                time = StatsTimer.at(at);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            try {
                Path home = prefix.prefix();
                boolean system = InstallRecordFile.system(InstallRecordFile.read(home));
                if (system && !timer.installed()) {
                    return fail(spec, StatsUnits.TIMER + " is not in " + timer.units() + ": this install predates "
                            + "it; java -jar toaster-installer.jar upgrade writes it");
                }
                String crontab = system ? null : StatsTimer.crontabLine(home, time);
                AtomicFile.write(home.resolve(STATSMAILTO), address + "\n", "rw-r--r--", handover.of(home));
                out.println("a daily report to <" + address + "> at " + time + " (" + STATSMAILTO + ")");
                if (system) {
                    Outcome enabled = timer.schedule(time);
                    if (enabled.exit() != 0) {
                        return fail(spec, enabled.output());
                    }
                    out.println(StatsUnits.TIMER + " enabled: systemctl list-timers " + StatsUnits.TIMER
                            + " shows the next run");
                } else {
                    out.println("no systemd timer in this install: add this line to the crontab of the prefix's "
                            + "owner (crontab -e), replacing any older one:");
                    out.println(crontab);
                }
                out.flush();
                return 0;
            } catch (AccessDeniedException e) {
                return fail(spec, "cannot write " + e.getFile() + ": run toaster stats schedule as root");
            } catch (IOException | IllegalArgumentException e) {
                return fail(spec, e.getMessage());
            }
        }
    }

    @Command(name = "unschedule", mixinStandardHelpOptions = true,
            description = "No more daily reports: removes control/statsmailto and disables toaster-stats.timer "
                    + "(system install) or says which crontab line to remove.")
    static final class Unschedule implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private PrefixOption prefix;

        private final StatsTimer timer;

        Unschedule() {
            this(StatsTimer.ofThisHost());
        }

        Unschedule(StatsTimer timer) {
            this.timer = timer;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                Path home = prefix.prefix();
                if (InstallRecordFile.system(InstallRecordFile.read(home))) {
                    Outcome disabled = timer.unschedule();
                    if (disabled.exit() != 0) {
                        return fail(spec, disabled.output());
                    }
                    Files.deleteIfExists(home.resolve(STATSMAILTO));
                    out.println(StatsUnits.TIMER + " disabled; " + STATSMAILTO + " removed");
                } else {
                    Files.deleteIfExists(home.resolve(STATSMAILTO));
                    // Without the address a forgotten line fails each day, saying so, rather than mailing on.
                    out.println(STATSMAILTO + " removed; remove the line that runs "
                            + home.resolve("bin").resolve("toaster") + " stats --scheduled from the crontab of the "
                            + "prefix's owner (crontab -e)");
                }
                out.flush();
                return 0;
            } catch (AccessDeniedException e) {
                return fail(spec, "cannot change " + e.getFile() + ": run toaster stats unschedule as root");
            } catch (IOException e) {
                return fail(spec, e.getMessage());
            }
        }
    }
}
