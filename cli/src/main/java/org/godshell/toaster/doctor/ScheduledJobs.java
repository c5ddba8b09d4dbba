package org.godshell.toaster.doctor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.hostcheck.Finding;
import org.godshell.toaster.layout.BackupUnits;
import org.godshell.toaster.layout.StatsUnits;

/**
 * The jobs an admin scheduled under systemd: the nightly backup ({@value BackupUnits#TIMER}) and the daily
 * report ({@value StatsUnits#TIMER}). A job is scheduled when its timer is enabled; then the timer must be active,
 * and a last run that failed is named, since nobody reads a oneshot's journal unprompted. The report is also
 * wanted while {@code control/statsmailto} exists ({@code toaster stats unschedule} removes it), so a timer left
 * disabled, as after a restore onto a new host, is named too; {@code control/backupdir} stays after
 * {@code toaster backup unschedule} and says nothing. Warnings only: mail flows either way.
 *
 * @param control the toaster's control directory
 * @param systemd the host's systemd, which runs the toaster
 */
record ScheduledJobs(Path control, Systemd systemd) {

    /** A job: what it is, its units, and the command that schedules it when the control files ask for it. */
    private record Job(String what, String timer, String service, Optional<String> wanted) {}

    List<Finding> check() throws IOException {
        Optional<String> mailTo;
        try {
            mailTo = Controls.once(control).get(ControlFiles.STATSMAILTO);
        } catch (ConfigException e) {
            mailTo = Optional.empty();                  // the check of every control file says what is wrong
        }
        List<Finding> findings = new ArrayList<>();
        for (Job job : List.of(new Job("the nightly backup", BackupUnits.TIMER, BackupUnits.SERVICE, Optional.empty()),
                new Job("the daily report", StatsUnits.TIMER, StatsUnits.SERVICE,
                        mailTo.map(address -> "toaster stats schedule --mail " + address)))) {
            check(job).ifPresent(findings::add);
        }
        return findings;
    }

    private Optional<Finding> check(Job job) throws IOException {
        if (!systemd.systemctl().yes("is-enabled", job.timer())) {
            return job.wanted().map(schedule -> Finding.warn(job.what() + " is asked for (control/statsmailto) but "
                    + job.timer() + " is not enabled, so it never runs: " + schedule + " (as root)"));
        }
        if (!systemd.systemctl().yes("is-active", job.timer())) {
            return Optional.of(Finding.warn(job.timer() + " is enabled but not active, so " + job.what() + " does "
                    + "not run: systemctl start " + job.timer()));
        }
        if (systemd.systemctl().yes("is-failed", job.service())) {
            return Optional.of(Finding.warn("the last run of " + job.what() + " failed: journalctl -u "
                    + job.service() + "; systemctl reset-failed " + job.service() + " once it is fixed"));
        }
        return Optional.of(Finding.ok(job.what() + " is scheduled (" + job.timer() + ")"));
    }
}
