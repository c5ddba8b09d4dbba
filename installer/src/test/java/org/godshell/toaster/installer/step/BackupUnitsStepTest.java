package org.godshell.toaster.installer.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.installer.prefix.Prefix;
import org.godshell.toaster.installer.settings.Mode;
import org.godshell.toaster.layout.BackupUnits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly backup's units against the stand-in systemctl: written and loaded but never enabled, the service a
 * root oneshot running {@code toaster backup --scheduled}, the timer at 03:15 local; a rewrite restarts only a
 * timer the admin started; uninstall removes both. The real systemd reading them is not tested here (the
 * installer's container ITs).
 */
class BackupUnitsStepTest {

    @TempDir
    Path temp;
    private final StringWriter out = new StringWriter();
    private FakeSystemctl systemctl;
    private Path root;

    @BeforeEach
    void host() throws Exception {
        systemctl = FakeSystemctl.in(temp.resolve("systemd"));
        root = Files.createDirectories(temp.resolve("toaster")).toRealPath();
        Files.createDirectories(root.resolve("control"));
    }

    private StepContext run(Mode mode) throws Exception {
        return Contexts.of(root, mode, Optional.empty(), Optional.of(systemctl.systemd()),
                temp.resolve("proc"), out);
    }

    private Path unit(String name) {
        return systemctl.systemd().units().resolve(name);
    }

    @Test
    void bothUnitsAreWrittenAndLoadedButNeverEnabled() throws Exception {
        TimerUnitsStep step = TimerUnitsStep.backup(run(Mode.SYSTEM));
        assertFalse(step.isDone());
        step.apply();
        assertTrue(step.isDone());
        for (String name : BackupUnits.UNITS) {
            assertTrue(Files.isRegularFile(unit(name)), name);
            assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(unit(name))));
            assertFalse(systemctl.enabled(name) || systemctl.active(name), name + " is the admin's choice");
        }
        assertTrue(systemctl.calls().contains("daemon-reload"), systemctl.calls().toString());
        assertTrue(systemctl.calls().stream().noneMatch(call -> call.startsWith("enable") || call.startsWith("start")),
                systemctl.calls().toString());
    }

    @Test
    void theServiceIsARootOneshotRunningTheScheduledBackup() throws Exception {
        String service = TimerUnitsStep.backup(run(Mode.SYSTEM)).render().get(BackupUnits.SERVICE);
        List<String> lines = service.lines().toList();
        assertTrue(lines.contains("Type=oneshot"), service);
        assertTrue(lines.contains("ExecStart=" + root + "/bin/toaster backup --scheduled"), service);
        assertTrue(lines.stream().noneMatch(line -> line.startsWith("User=")), "root reads the toaster's 0600 keys");
        assertTrue(lines.contains("UMask=0077"), "archives hold hashes and keys: " + service);
        assertTrue(lines.contains("NoNewPrivileges=yes"), service);
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("Environment=TOASTER_JAVA=/")), service);
        assertFalse(service.contains("${"), service);
        assertFalse(lines.contains("[Install]"), "started by the timer only");
    }

    @Test
    void theTimerRunsNightlyAt0315LocalAndCatchesUp() throws Exception {
        String timer = TimerUnitsStep.backup(run(Mode.SYSTEM)).render().get(BackupUnits.TIMER);
        List<String> lines = timer.lines().toList();
        assertTrue(lines.contains("OnCalendar=*-*-* 03:15:00"), timer);
        assertTrue(lines.contains("RandomizedDelaySec=15min"), timer);
        assertTrue(lines.contains("Persistent=true"), timer);
        assertTrue(lines.contains("Unit=" + BackupUnits.SERVICE), timer);
        assertTrue(lines.contains("WantedBy=timers.target"), "what toaster backup schedule enables: " + timer);
    }

    @Test
    void aRerunChangesNothingAndARewriteRestartsOnlyATimerThatRuns() throws Exception {
        TimerUnitsStep.backup(run(Mode.SYSTEM)).apply();
        systemctl.forgetCalls();
        assertTrue(TimerUnitsStep.backup(run(Mode.SYSTEM)).isDone());
        assertEquals(List.of(), systemctl.calls());

        Files.writeString(unit(BackupUnits.TIMER), "an older timer\n");
        TimerUnitsStep upgrade = TimerUnitsStep.backup(run(Mode.SYSTEM));
        assertFalse(upgrade.isDone());
        upgrade.apply();
        assertTrue(upgrade.isDone());
        assertEquals(List.of("daemon-reload", "try-restart " + BackupUnits.TIMER), systemctl.calls());
        assertFalse(systemctl.enabled(BackupUnits.TIMER), "an upgrade does not schedule backups");
    }

    @Test
    void anInstallInSystemModeHasTheStepAndAnUnprivilegedOneNot() throws Exception {
        assertTrue(InstallSteps.of(run(Mode.SYSTEM), null, true).stream().anyMatch(s -> s.name().equals("backup-units")));
        assertTrue(InstallSteps.of(run(Mode.SYSTEM), null, false).stream()
                .anyMatch(s -> s.name().equals("backup-units")), "upgrade lays them out too");
        assertTrue(InstallSteps.of(run(Mode.UNPRIVILEGED), null, true).stream()
                .noneMatch(s -> s.name().equals("backup-units")), "a demo install has no root to run them");
    }

    @Test
    void uninstallDisablesTheTimerAndRemovesBoth() throws Exception {
        StepContext context = run(Mode.SYSTEM);
        new ServiceUnitsStep(context).apply();
        TimerUnitsStep.backup(context).apply();
        // The admin scheduled backups.
        context.commands().run(systemctl.systemd().units("enable", List.of(BackupUnits.TIMER), "--now"));
        assertTrue(systemctl.enabled(BackupUnits.TIMER));
        Files.createFile(root.resolve(Prefix.MARKER));
        new Plan(UninstallSteps.of(run(Mode.SYSTEM), false), new PrintWriter(out, true)).apply(Journal.none());
        for (String name : BackupUnits.UNITS) {
            assertFalse(Files.exists(unit(name)), name);
            assertFalse(systemctl.enabled(name) || systemctl.active(name), name);
        }
        assertTrue(systemctl.calls().contains("disable --now --quiet " + BackupUnits.TIMER + " toaster-stats.timer"),
                systemctl.calls().toString());
    }
}
