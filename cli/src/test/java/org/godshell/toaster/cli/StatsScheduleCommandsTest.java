package org.godshell.toaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.godshell.toaster.backup.BackupTimer.Outcome;
import org.godshell.toaster.io.Handover;
import org.godshell.toaster.layout.StatsUnits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code toaster stats schedule|unschedule} against a units directory and a systemctl that records what it is
 * asked: control/statsmailto, the --at drop-in, the timer's systemctl calls in a system install, the crontab line
 * elsewhere; the same state when run twice; hostile addresses, bad times and no installation refused before
 * anything is written or run. A system install's toaster user does not exist here, so the control file stays
 * the test's (the hand-over itself is {@code Owners}' and tested there).
 */
class StatsScheduleCommandsTest {

    @TempDir
    Path temp;
    private Path prefix;
    private Path units;
    private final List<List<String>> calls = new ArrayList<>();
    private String failing = "";
    private StatsTimer timer;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void installation() throws Exception {
        prefix = Files.createDirectories(temp.resolve("toaster")).toRealPath();
        Files.createDirectories(prefix.resolve("control"));
        Files.writeString(prefix.resolve("control/me"), "mx.example.org\n");
        units = Files.createDirectories(temp.resolve("units"));
        Files.writeString(units.resolve(StatsUnits.TIMER), "[Timer]\nOnCalendar=*-*-* 06:00:00\n");
        timer = new StatsTimer(argv -> {
            calls.add(argv);
            return argv.contains(failing) ? new Outcome(1, "Access denied") : new Outcome(0, "");
        }, units);
    }

    private void system() throws Exception {
        Files.writeString(prefix.resolve(".toaster-install"), "hostname=mx.example.org\nmode=system\n");
    }

    private int run(Callable<Integer> command, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return new CommandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
    }

    private int schedule(String... args) {
        List<String> all = new ArrayList<>(List.of("--prefix", prefix.toString()));
        all.addAll(List.of(args));
        return run(new StatsScheduleCommands.Schedule(timer, home -> Handover.KEEP), all.toArray(String[]::new));
    }

    private int unschedule() {
        return run(new StatsScheduleCommands.Unschedule(timer), "--prefix", prefix.toString());
    }

    private String mailto() throws Exception {
        return Files.readString(prefix.resolve("control/statsmailto"));
    }

    private static List<List<String>> enabling() {
        return List.of(List.of("systemctl", "daemon-reload"), List.of("systemctl", "enable", StatsUnits.TIMER),
                List.of("systemctl", "restart", StatsUnits.TIMER));
    }

    @Test
    void withoutSystemdItWritesTheAddressAndPrintsTheCrontabLineTwiceAlike() throws Exception {
        for (int i = 0; i < 2; i++) {
            assertEquals(0, schedule("--mail", "Admin@Example.org", "--at", "07:30"), err.toString());
            assertEquals("Admin@Example.org\n", mailto());
            assertTrue(out.toString().contains("a daily report to <Admin@Example.org> at 07:30"), out.toString());
            assertTrue(out.toString().contains("\n30 7 * * * " + prefix + "/bin/toaster stats --scheduled\n"),
                    out.toString());
        }
        assertEquals(0, schedule("--mail", "admin@example.org"), err.toString());
        assertTrue(out.toString().contains("\n0 6 * * * " + prefix + "/bin/toaster stats --scheduled\n"),
                "06:00 by default: " + out);
        assertEquals(List.of(), calls, "no systemctl outside a system install");
        assertFalse(Files.exists(units.resolve(StatsUnits.DROP_INS)));
    }

    @Test
    void inASystemInstallTheTimerIsMovedByADropInEnabledAndRestarted() throws Exception {
        system();
        assertEquals(0, schedule("--mail", "postmaster@example.org", "--at", "23:59"), err.toString());
        assertEquals("postmaster@example.org\n", mailto());
        assertEquals(enabling(), calls);
        String dropIn = Files.readString(units.resolve(StatsUnits.AT_DROP_IN));
        assertTrue(dropIn.contains("\n[Timer]\nOnCalendar=\nOnCalendar=*-*-* 23:59:00\n"), dropIn);
        assertTrue(out.toString().contains(StatsUnits.TIMER + " enabled"), out.toString());
        assertFalse(out.toString().contains("crontab"), out.toString());

        calls.clear();
        assertEquals(0, schedule("--mail", "postmaster@example.org", "--at", "23:59"), err.toString());
        assertEquals(enabling(), calls, "run twice, the same calls");
        assertEquals(dropIn, Files.readString(units.resolve(StatsUnits.AT_DROP_IN)), "and the same drop-in");

        assertEquals(0, schedule("--mail", "postmaster@example.org"), err.toString());
        assertFalse(Files.exists(units.resolve(StatsUnits.DROP_INS)), "06:00 is the unit's own: no drop-in left");
    }

    @Test
    void aDropInDirectoryTheAdminPutMoreIntoStays() throws Exception {
        system();
        assertEquals(0, schedule("--mail", "postmaster@example.org", "--at", "05:00"), err.toString());
        Files.writeString(units.resolve(StatsUnits.DROP_INS).resolve("admin.conf"), "[Timer]\nAccuracySec=1s\n");
        assertEquals(0, schedule("--mail", "postmaster@example.org"), err.toString());
        assertFalse(Files.exists(units.resolve(StatsUnits.AT_DROP_IN)));
        assertTrue(Files.exists(units.resolve(StatsUnits.DROP_INS).resolve("admin.conf")));
    }

    @Test
    void aSystemInstallWithoutTheTimerIsToldToUpgradeAndNothingIsWritten() throws Exception {
        system();
        Files.delete(units.resolve(StatsUnits.TIMER));
        assertEquals(1, schedule("--mail", "postmaster@example.org"));
        assertTrue(err.toString().contains("java -jar toaster-installer.jar upgrade"), err.toString());
        assertFalse(Files.exists(prefix.resolve("control/statsmailto")));
        assertEquals(List.of(), calls);
    }

    @Test
    void aFailingSystemctlIsReportedWithWhatItSaid() throws Exception {
        system();
        failing = "restart";
        assertEquals(1, schedule("--mail", "postmaster@example.org"));
        assertTrue(err.toString().contains("systemctl restart " + StatsUnits.TIMER + " failed: Access denied"),
                err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "postmaster", "not an address", "a@b.example> NOTIFY=NEVER", "<a@b.example>",
        "a@b.example, c@d.example", "Admin <admin@example.org>", "a@b.example\nOnCalendar=minutely",
        "a@b.example\r\n[Service]\r\nExecStart=/bin/sh", "a@b.example\u0000", "a@b\u001b]0;x\u0007.example",
        "$(reboot)@example.org>", "a@b.example;rm -rf /", "@example.org", "a@"})
    void hostileAddressesAreRefusedBeforeAnythingIsWritten(String bad) throws Exception {
        system();
        assertEquals(2, schedule("--mail", bad), bad);
        assertTrue(err.toString().contains("--mail takes one mail address"), err.toString());
        assertFalse(err.toString().chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r'),
                "no control character echoed: " + err);
        assertFalse(Files.exists(prefix.resolve("control/statsmailto")));
        assertEquals(List.of(), calls);
    }

    @Test
    void anAddressLongerThanAPathMayBeIsRefused() {
        assertEquals(2, schedule("--mail", "a".repeat(250) + "@example.org"));
        assertEquals(2, schedule("--mail", "a@" + "b".repeat(100_000) + ".example"));
        assertFalse(Files.exists(prefix.resolve("control/statsmailto")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"24:00", "6:00", "06:60", "06:00:00", "0600", "06:00\n", "06:00; rm -rf /", "",
        "-1:00", "06:0", "\uff10\uff16:\uff10\uff10", "\u0660\u0666:\u0660\u0660", "06h00", "6am", " 06:00",
        "99999999999:00"})
    void badTimesAreRefusedBeforeAnythingIsWritten(String bad) throws Exception {
        system();
        assertEquals(2, schedule("--mail", "postmaster@example.org", "--at", bad), bad);
        assertTrue(err.toString().contains("--at takes a local time of day as HH:MM"), err.toString());
        assertFalse(Files.exists(prefix.resolve("control/statsmailto")));
        assertEquals(List.of(), calls);
    }

    @Test
    void withoutAnInstallationNothingIsDone() throws Exception {
        Path empty = Files.createDirectories(temp.resolve("empty"));
        assertEquals(2, run(new StatsScheduleCommands.Schedule(timer, home -> Handover.KEEP), "--prefix",
                empty.toString(), "--mail", "postmaster@example.org"));
        assertTrue(err.toString().contains("holds no toaster installation"), err.toString());
        assertEquals(2, run(new StatsScheduleCommands.Unschedule(timer), "--prefix", empty.toString()));
        assertEquals(2, run(new StatsScheduleCommands.Schedule(timer, home -> Handover.KEEP), "--prefix",
                empty.toString()), "--mail is required");
        assertEquals(List.of(), calls);
        try (var files = Files.list(empty)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void unscheduleInASystemInstallDisablesRemovesAndCanBeRunAgain() throws Exception {
        system();
        assertEquals(0, schedule("--mail", "postmaster@example.org", "--at", "07:00"), err.toString());
        calls.clear();
        assertEquals(0, unschedule(), err.toString());
        assertEquals(List.of(List.of("systemctl", "disable", "--now", StatsUnits.TIMER),
                List.of("systemctl", "daemon-reload")), calls);
        assertFalse(Files.exists(units.resolve(StatsUnits.DROP_INS)));
        assertFalse(Files.exists(prefix.resolve("control/statsmailto")));
        calls.clear();
        assertEquals(0, unschedule(), err.toString());
        assertEquals(List.of(List.of("systemctl", "disable", "--now", StatsUnits.TIMER)), calls,
                "again: nothing to reload");
        failing = "disable";
        assertEquals(1, unschedule());
        assertTrue(err.toString().contains("failed: Access denied"), err.toString());
    }

    @Test
    void unscheduleWithoutSystemdRemovesTheAddressAndNamesTheLine() throws Exception {
        assertEquals(0, schedule("--mail", "postmaster@example.org"), err.toString());
        for (int i = 0; i < 2; i++) {
            assertEquals(0, unschedule(), err.toString());
            assertFalse(Files.exists(prefix.resolve("control/statsmailto")));
            assertTrue(out.toString().contains(prefix + "/bin/toaster stats --scheduled"), out.toString());
        }
        assertEquals(List.of(), calls);
    }

    @Test
    void theSubcommandsHangUnderToasterStats() throws Exception {
        StringWriter said = new StringWriter();
        StringWriter complaints = new StringWriter();
        assertEquals(0, Toaster.execute(new PrintWriter(said, true), new PrintWriter(complaints, true), "stats",
                "schedule", "--prefix", prefix.toString(), "--mail", "postmaster@example.org", "--at", "04:05"),
                complaints.toString());
        assertTrue(said.toString().contains("5 4 * * * " + prefix + "/bin/toaster stats --scheduled"), said.toString());
        assertEquals(0, Toaster.execute(new PrintWriter(said, true), new PrintWriter(complaints, true), "stats",
                "unschedule", "--prefix", prefix.toString()), complaints.toString());
        assertFalse(Files.exists(prefix.resolve("control/statsmailto")));
    }
}
