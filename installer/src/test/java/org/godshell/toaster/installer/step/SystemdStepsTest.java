package org.godshell.toaster.installer.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.hostcheck.Finding;
import org.godshell.toaster.installer.prefix.Prefix;
import org.godshell.toaster.installer.settings.Mode;
import org.godshell.toaster.layout.Daemons;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The steps that drive systemd, against a stand-in systemctl ({@link FakeSystemctl}) and a {@code /proc} where
 * the daemons listen ({@link FakeProc}): all three units enabled, a rerun that restarts nothing, a changed unit
 * that restarts its daemon alone, clean stops, and an uninstall that forgets no unit. The real systemd is
 * {@code InstallerSystemdIT}'s.
 */
class SystemdStepsTest {

    private static final List<String> UNITS = List.of("toaster-smtpd.service", "toaster-pop3d.service",
            "toaster-wiki.service");

    @TempDir
    Path temp;
    private final StringWriter out = new StringWriter();
    private FakeSystemctl systemctl;
    private Path root;
    private Path proc;

    @BeforeEach
    void host() throws Exception {
        systemctl = FakeSystemctl.in(temp.resolve("systemd"));
        root = Files.createDirectories(temp.resolve("toaster")).toRealPath();
        Files.createDirectories(root.resolve("control"));
        Files.writeString(root.resolve("control/listen-smtp"), "127.0.0.1:2525\n");
        proc = FakeProc.listening(temp.resolve("proc"), root, List.of(2525));
    }

    /** A new run of the installer on this host: nothing changed yet. */
    private StepContext run(Mode mode) throws Exception {
        return Contexts.of(root, mode, Optional.empty(), Optional.of(systemctl.systemd()), proc, out);
    }

    private void install() throws Exception {
        StepContext first = run(Mode.SYSTEM);
        new ServiceUnitsStep(first).apply();
        new StartStep(first).apply();
    }

    @Test
    void allThreeUnitsAreWrittenEnabledAndStarted() throws Exception {
        StepContext context = run(Mode.SYSTEM);
        ServiceUnitsStep units = new ServiceUnitsStep(context);
        assertFalse(units.isDone());
        units.apply();
        assertTrue(units.isDone());
        for (String unit : UNITS) {
            assertTrue(Files.isRegularFile(systemctl.systemd().units().resolve(unit)), unit);
            assertTrue(systemctl.enabled(unit), unit + " must come back after a reboot");
        }
        assertEquals(List.of("smtpd", "pop3d", "wiki"), context.changes().toRestart());
        new StartStep(context).apply();
        UNITS.forEach(unit -> assertTrue(systemctl.active(unit), unit));
        assertTrue(out.toString().contains("every port answers"), out.toString());
    }

    @Test
    void aRerunOfACompleteInstallRestartsNothing() throws Exception {
        install();
        systemctl.forgetCalls();
        StepContext rerun = run(Mode.SYSTEM);
        assertTrue(new ServiceUnitsStep(rerun).isDone());
        assertTrue(new StartStep(rerun).isDone());
        assertTrue(systemctl.calls().stream().allMatch(call -> call.startsWith("is-") || call.startsWith("show")),
                systemctl.calls().toString());
    }

    @Test
    void aChangedUnitRestartsItsOwnDaemonOnly() throws Exception {
        install();
        Path wiki = systemctl.systemd().units().resolve("toaster-wiki.service");
        Files.writeString(wiki, Files.readString(wiki).replace("RestartSec=2s", "RestartSec=9s"));
        systemctl.forgetCalls();
        StepContext rerun = run(Mode.SYSTEM);
        ServiceUnitsStep units = new ServiceUnitsStep(rerun);
        assertFalse(units.isDone());
        units.apply();
        assertEquals(List.of("wiki"), rerun.changes().toRestart());
        StartStep start = new StartStep(rerun);
        assertFalse(start.isDone());
        start.apply();
        assertTrue(systemctl.calls().contains("daemon-reload"), systemctl.calls().toString());
        assertTrue(systemctl.calls().contains("restart toaster-wiki.service"), systemctl.calls().toString());
        assertTrue(systemctl.calls().stream().noneMatch(call -> call.startsWith("restart") && call.contains("smtpd")),
                systemctl.calls().toString());
    }

    @Test
    void aUnitWrittenByARunCutShortBeforeTheReloadIsReloadedAndRestarted() throws Exception {
        install();
        systemctl.changedOnDisk("toaster-pop3d.service");
        StepContext rerun = run(Mode.SYSTEM);
        ServiceUnitsStep units = new ServiceUnitsStep(rerun);
        assertFalse(units.isDone(), "systemd still runs pop3d by the old unit");
        units.apply();
        assertEquals(List.of("pop3d"), rerun.changes().toRestart());
        assertTrue(systemctl.calls().contains("daemon-reload"), systemctl.calls().toString());
        assertTrue(units.isDone());
    }

    @Test
    void aStopIsCleanAndACrashRestarts() throws Exception {
        for (String daemon : Daemons.ALL) {
            String unit = new ServiceUnitsStep(run(Mode.SYSTEM)).render(daemon);
            assertTrue(unit.contains("\nSuccessExitStatus=143\n"), "SIGTERM's exit is a clean stop: " + unit);
            assertTrue(unit.contains("\nRestart=on-failure\n"), unit);
        }
    }

    @Test
    void aDaemonNotListeningYetIsNamed() throws Exception {
        Path quiet = Files.createDirectories(temp.resolve("quiet-proc/net"));
        Files.writeString(quiet.resolve("tcp"), "  sl  local_address rem_address   st\n");
        List<Finding> missing = new Listening(root, quiet.getParent()).await(Duration.ofMillis(300));
        assertEquals(List.of("  FAILED   nothing listens on port 2525 (listen-smtp): start the toaster, see the "
                + "services above"), missing.stream().map(Finding::line).toList());
        assertEquals(List.of(), new Listening(root, proc).missing());
    }

    @Test
    void uninstallStopsDisablesAndRemovesEveryUnit() throws Exception {
        install();
        Files.createFile(root.resolve(Prefix.MARKER));
        StepContext context = run(Mode.SYSTEM);
        new Plan(UninstallSteps.of(context, false), new java.io.PrintWriter(out, true)).apply(Journal.none());
        for (String unit : UNITS) {
            assertFalse(Files.exists(systemctl.systemd().units().resolve(unit)), unit);
            assertFalse(systemctl.enabled(unit) || systemctl.active(unit), unit);
        }
        assertTrue(systemctl.calls().contains("disable --now --quiet " + String.join(" ", UNITS)),
                systemctl.calls().toString());
        assertTrue(Files.exists(root.resolve("control/listen-smtp")), "the configuration stays");
    }

    @Test
    void purgeStopsFirstRemovesTheMarkerLastAndCanBeRerun() throws Exception {
        StepContext system = run(Mode.SYSTEM);
        assertEquals(List.of("stop", "remove-units", "remove-imap", "remove-user", "remove-program", "purge"),
                UninstallSteps.of(system, true).stream().map(Step::name).toList());

        Files.createFile(root.resolve(Prefix.MARKER));
        Files.createDirectories(root.resolve("domains/example.org/ann/Maildir/new"));
        Path nothingRuns = Files.createDirectories(temp.resolve("no-proc"));
        StepContext demo = Contexts.of(root, Mode.UNPRIVILEGED, Optional.empty(), Optional.empty(), nothingRuns, out);
        Plan plan = new Plan(UninstallSteps.of(demo, true), new java.io.PrintWriter(out, true));
        plan.apply(Journal.none());
        assertFalse(Files.exists(root));

        // A purge cut short after the data went: the marker is still there, so the next run finishes it.
        Files.createDirectories(root.resolve("queue"));
        Files.createFile(root.resolve(Prefix.MARKER));
        plan.apply(Journal.none());
        assertFalse(Files.exists(root));
    }
}
