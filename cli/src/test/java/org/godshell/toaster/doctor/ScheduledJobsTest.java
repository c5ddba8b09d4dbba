package org.godshell.toaster.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.godshell.toaster.hostcheck.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backup's and the report's timers as systemctl answers for them: a table of the questions answered yes. */
class ScheduledJobsTest {

    @TempDir
    Path control;

    private List<Finding> check(String... yes) throws Exception {
        Set<String> answers = Set.of(yes);
        return new ScheduledJobs(control, new Systemd(control, (verb, unit) -> answers.contains(verb + " " + unit)))
                .check();
    }

    @Test
    void nothingScheduledSaysNothing() throws Exception {
        Files.writeString(control.resolve("backupdir"), "/var/backups/toaster\n");      // kept after unschedule
        assertEquals(List.of(), check());
    }

    @Test
    void aScheduledJobThatRunsIsOk() throws Exception {
        Files.writeString(control.resolve("statsmailto"), "postmaster@example.org\n");
        assertEquals(List.of(Finding.ok("the nightly backup is scheduled (toaster-backup.timer)"),
                Finding.ok("the daily report is scheduled (toaster-stats.timer)")),
                check("is-enabled toaster-backup.timer", "is-active toaster-backup.timer",
                        "is-enabled toaster-stats.timer", "is-active toaster-stats.timer"));
    }

    @Test
    void aReportAskedForWithItsTimerDisabledIsNamedWithTheCommand() throws Exception {
        Files.writeString(control.resolve("statsmailto"), "postmaster@example.org\n");
        assertEquals(List.of(Finding.warn("the daily report is asked for (control/statsmailto) but "
                + "toaster-stats.timer is not enabled, so it never runs: toaster stats schedule --mail "
                + "postmaster@example.org (as root)")), check());
    }

    @Test
    void anInactiveTimerAndAFailedLastRunAreNamed() throws Exception {
        assertEquals(List.of(Finding.warn("toaster-backup.timer is enabled but not active, so the nightly backup "
                + "does not run: systemctl start toaster-backup.timer")), check("is-enabled toaster-backup.timer"));
        assertEquals(List.of(Finding.warn("the last run of the nightly backup failed: journalctl -u "
                + "toaster-backup.service; systemctl reset-failed toaster-backup.service once it is fixed")),
                check("is-enabled toaster-backup.timer", "is-active toaster-backup.timer",
                        "is-failed toaster-backup.service"));
    }

    @Test
    void aBrokenAddressFileIsLeftToTheControlFileCheck() throws Exception {
        Files.writeString(control.resolve("statsmailto"), "not an address\n");
        assertEquals(List.of(), check());
    }
}
