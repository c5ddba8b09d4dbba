package org.godshell.toaster.installer.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.installer.prefix.Prefix;
import org.godshell.toaster.installer.settings.Mode;
import org.godshell.toaster.layout.StatsUnits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daily report's units against the stand-in systemctl: written and loaded but never enabled; the service a
 * oneshot running {@code toaster stats --scheduled} as the toaster user with the journal's group and no
 * capability, writing only the queue and without network; the timer at 06:00 local; uninstall removes both and
 * the {@code --at} drop-in. The real systemd reading them is not tested here (the installer's container ITs).
 */
class StatsUnitsStepTest {

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
        return Contexts.of(root, mode, Optional.empty(), Optional.of(systemctl.systemd()), temp.resolve("proc"), out);
    }

    private Path unit(String name) {
        return systemctl.systemd().units().resolve(name);
    }

    @Test
    void bothUnitsAreWrittenAndLoadedButNeverEnabled() throws Exception {
        TimerUnitsStep step = TimerUnitsStep.stats(run(Mode.SYSTEM));
        assertEquals("stats-units", step.name());
        assertFalse(step.isDone());
        step.apply();
        assertTrue(step.isDone());
        for (String name : StatsUnits.UNITS) {
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(unit(name))), name);
            assertFalse(systemctl.enabled(name) || systemctl.active(name), name + " is the admin's choice");
        }
        assertEquals(List.of("daemon-reload", "try-restart " + StatsUnits.TIMER), systemctl.calls());
    }

    @Test
    void theServiceRunsTheScheduledReportAsTheToasterUserWithTheJournalsGroup() throws Exception {
        String service = TimerUnitsStep.stats(run(Mode.SYSTEM)).render().get(StatsUnits.SERVICE);
        List<String> lines = service.lines().toList();
        assertTrue(lines.contains("Type=oneshot"), service);
        assertTrue(lines.contains("ExecStart=" + root + "/bin/toaster stats --scheduled"), service);
        assertTrue(lines.contains("User=" + SystemUserStep.USER), "the queue's owner queues the report: " + service);
        assertTrue(lines.contains("Group=" + SystemUserStep.USER), service);
        assertTrue(lines.contains("SupplementaryGroups=systemd-journal"), "journalctl reads the daemons' logs");
        assertTrue(lines.contains("CapabilityBoundingSet="), "no capability at all: " + service);
        assertTrue(lines.stream().noneMatch(line -> line.startsWith("AmbientCapabilities")), service);
        assertTrue(lines.contains("NoNewPrivileges=yes"), service);
        assertTrue(lines.contains("ProtectSystem=strict"), service);
        assertTrue(lines.contains("ReadWritePaths=" + root + "/queue"), "writes the queue and nothing else");
        assertTrue(lines.contains("PrivateNetwork=yes") && lines.contains("RestrictAddressFamilies=AF_UNIX"), service);
        assertTrue(lines.contains("UMask=0077"), service);
        assertTrue(lines.contains("Environment=TOASTER_JAVA=" + run(Mode.SYSTEM).settings().java()), service);
        assertFalse(service.contains("${"), service);
        assertFalse(lines.contains("[Install]"), "started by the timer only");
    }

    @Test
    void theTimerRunsDailyAt0600LocalAndCatchesUp() throws Exception {
        String timer = TimerUnitsStep.stats(run(Mode.SYSTEM)).render().get(StatsUnits.TIMER);
        List<String> lines = timer.lines().toList();
        assertTrue(lines.contains("OnCalendar=*-*-* 06:00:00"), timer);
        assertTrue(lines.contains("Persistent=true"), timer);
        assertTrue(lines.contains("Unit=" + StatsUnits.SERVICE), timer);
        assertTrue(lines.contains("WantedBy=timers.target"), "what toaster stats schedule enables: " + timer);
        assertFalse(timer.contains("${"), timer);
    }

    @Test
    void aRerunChangesNothingAndAnUpgradeDoesNotSchedule() throws Exception {
        TimerUnitsStep.stats(run(Mode.SYSTEM)).apply();
        systemctl.forgetCalls();
        assertTrue(TimerUnitsStep.stats(run(Mode.SYSTEM)).isDone());
        assertEquals(List.of(), systemctl.calls());
        Files.writeString(unit(StatsUnits.SERVICE), "an older service\n");
        TimerUnitsStep upgrade = TimerUnitsStep.stats(run(Mode.SYSTEM));
        assertFalse(upgrade.isDone());
        upgrade.apply();
        assertTrue(upgrade.isDone());
        assertFalse(systemctl.enabled(StatsUnits.TIMER), "an upgrade does not schedule reports");
    }

    @Test
    void aSystemInstallHasTheStepAndAnUnprivilegedOneNot() throws Exception {
        assertTrue(InstallSteps.of(run(Mode.SYSTEM), null, true).stream()
                .anyMatch(s -> s.name().equals("stats-units")));
        assertTrue(InstallSteps.of(run(Mode.SYSTEM), null, false).stream()
                .anyMatch(s -> s.name().equals("stats-units")), "upgrade lays them out too");
        assertTrue(InstallSteps.of(run(Mode.UNPRIVILEGED), null, true).stream()
                .noneMatch(s -> s.name().equals("stats-units")), "a demo install has no journal group to give");
    }

    @Test
    void uninstallDisablesTheTimerAndRemovesBothAndTheDropIn() throws Exception {
        StepContext context = run(Mode.SYSTEM);
        new ServiceUnitsStep(context).apply();
        TimerUnitsStep.stats(context).apply();
        // The admin scheduled reports at 07:30.
        Files.createDirectories(unit(StatsUnits.DROP_INS));
        Files.writeString(unit(StatsUnits.AT_DROP_IN), "[Timer]\nOnCalendar=\nOnCalendar=*-*-* 07:30:00\n");
        context.commands().run(systemctl.systemd().units("enable", List.of(StatsUnits.TIMER), "--now"));
        Files.createFile(root.resolve(Prefix.MARKER));
        new Plan(UninstallSteps.of(run(Mode.SYSTEM), false), new PrintWriter(out, true)).apply(Journal.none());
        for (String name : StatsUnits.UNITS) {
            assertFalse(Files.exists(unit(name)), name);
            assertFalse(systemctl.enabled(name) || systemctl.active(name), name);
        }
        assertFalse(Files.exists(unit(StatsUnits.DROP_INS)), "the drop-in and its directory are gone");
    }

    @Test
    void uninstallKeepsADropInDirectoryTheAdminPutMoreInto() throws Exception {
        StepContext context = run(Mode.SYSTEM);
        new ServiceUnitsStep(context).apply();
        TimerUnitsStep.stats(context).apply();
        Files.createDirectories(unit(StatsUnits.DROP_INS));
        Files.writeString(unit(StatsUnits.AT_DROP_IN), "[Timer]\nOnCalendar=\nOnCalendar=*-*-* 07:30:00\n");
        Files.writeString(unit(StatsUnits.DROP_INS).resolve("admin.conf"), "[Timer]\nAccuracySec=1s\n");
        Files.createFile(root.resolve(Prefix.MARKER));
        new Plan(UninstallSteps.of(run(Mode.SYSTEM), false), new PrintWriter(out, true)).apply(Journal.none());
        assertFalse(Files.exists(unit(StatsUnits.AT_DROP_IN)));
        assertTrue(Files.exists(unit(StatsUnits.DROP_INS).resolve("admin.conf")), "not ours to delete");
    }
}
