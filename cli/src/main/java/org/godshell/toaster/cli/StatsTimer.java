package org.godshell.toaster.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;
import java.util.regex.Pattern;
import org.godshell.toaster.backup.BackupTimer;
import org.godshell.toaster.backup.BackupTimer.Outcome;
import org.godshell.toaster.io.AtomicFile;
import org.godshell.toaster.layout.StatsUnits;

/**
 * The daily report's schedule: in a system install the installer's {@value StatsUnits#TIMER} (disabled until
 * asked), whose hour a drop-in ({@value StatsUnits#AT_DROP_IN}) moves from the unit's 06:00; elsewhere a crontab
 * line the admin adds. {@code systemctl} is run with an argument list, never through a shell.
 *
 * @param systemctl runs a command line: the host's ({@link BackupTimer#ofThisHost()}), or a table in tests
 * @param units     the directory of the system's unit files, where the installer wrote the timer
 */
record StatsTimer(BackupTimer.Command systemctl, Path units) {

    /** The hour of the installer's timer, {@code OnCalendar=*-*-* 06:00:00}. */
    static final LocalTime DEFAULT_AT = LocalTime.of(6, 0);

    private static final Pattern AT = Pattern.compile("([01][0-9]|2[0-3]):([0-5][0-9])");
    /** What a crontab line can carry without quotes: the shell and cron's % see nothing special. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._/+-]+");

    static StatsTimer ofThisHost() {
        return new StatsTimer(BackupTimer.ofThisHost().systemctl(), Path.of("/etc/systemd/system"));
    }

    /**
     * {@code --at}: a local time of day, {@code HH:MM} from 00:00 to 23:59 and nothing else, since it is written
     * into a unit file and a crontab line; an {@link IllegalArgumentException} says so without echoing the input.
     */
    static LocalTime at(String text) {
        if (text == null || !AT.matcher(text).matches()) {
            throw new IllegalArgumentException("--at takes a local time of day as HH:MM, from 00:00 to 23:59, such "
                    + "as 06:30");
        }
        return LocalTime.of(Integer.parseInt(text, 0, 2, 10), Integer.parseInt(text, 3, 5, 10));
    }

    /** Whether the installer wrote the timer (an install older than the report's units has none). */
    boolean installed() {
        return Files.isRegularFile(units.resolve(StatsUnits.TIMER), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The timer at {@code at}: the drop-in written (or removed for the unit's own 06:00), systemd told, the timer
     * enabled and restarted so that it runs at the new hour. Stops at the first command that fails.
     */
    Outcome schedule(LocalTime at) throws IOException {
        Path dropIn = units.resolve(StatsUnits.AT_DROP_IN);
        if (at.equals(DEFAULT_AT)) {
            removeDropIn();
        } else {
            if (!Files.isDirectory(dropIn.getParent(), LinkOption.NOFOLLOW_LINKS)) {
                AtomicFile.createDirectory(dropIn.getParent(), "rwxr-xr-x");
            }
            AtomicFile.write(dropIn, dropIn(at), "rw-r--r--");
        }
        // A running timer keeps the time it computed until it is restarted; restart also starts a stopped one.
        for (List<String> argv : List.of(List.of("systemctl", "daemon-reload"),
                List.of("systemctl", "enable", StatsUnits.TIMER), List.of("systemctl", "restart", StatsUnits.TIMER))) {
            Outcome outcome = systemctl.run(argv);
            if (outcome.exit() != 0) {
                return new Outcome(outcome.exit(), String.join(" ", argv) + " failed: " + outcome.output());
            }
        }
        return new Outcome(0, "");
    }

    /** The timer disabled and stopped, the drop-in gone; a timer never installed is nothing to stop. */
    Outcome unschedule() throws IOException {
        if (installed()) {
            List<String> argv = List.of("systemctl", "disable", "--now", StatsUnits.TIMER);
            Outcome outcome = systemctl.run(argv);
            if (outcome.exit() != 0) {
                return new Outcome(outcome.exit(), String.join(" ", argv) + " failed: " + outcome.output());
            }
        }
        if (removeDropIn()) {
            return systemctl.run(List.of("systemctl", "daemon-reload"));
        }
        return new Outcome(0, "");
    }

    /** The drop-in's text: an empty OnCalendar= clears the unit's own before the new one (systemd.timer(5)). */
    static String dropIn(LocalTime at) {
        return "# Written by \"toaster stats schedule --at\"; \"toaster stats schedule\" without --at removes it.\n"
                + "[Timer]\nOnCalendar=\n" + String.format("OnCalendar=*-*-* %02d:%02d:00%n", at.getHour(),
                at.getMinute());
    }

    /** Where there is no systemd timer: the prefix owner's crontab line, the launcher quoted if it must be. */
    static String crontabLine(Path prefix, LocalTime at) {
        String launcher = prefix.resolve("bin").resolve("toaster").toString();
        if (launcher.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("the prefix's path has a control character, which no crontab line "
                    + "can carry; install the toaster under a plain path such as /opt/toaster");
        }
        // cron hands the line to /bin/sh and turns an unescaped % into a line break (crontab(5)).
        String quoted = PLAIN.matcher(launcher).matches() ? launcher
                : "'" + launcher.replace("'", "'\\''").replace("%", "\\%") + "'";
        return at.getMinute() + " " + at.getHour() + " * * * " + quoted + " stats --scheduled";
    }

    /** Removes the drop-in, and its directory when nothing else is in it; whether there was one. */
    private boolean removeDropIn() throws IOException {
        Path dropIn = units.resolve(StatsUnits.AT_DROP_IN);
        boolean removed = Files.deleteIfExists(dropIn);
        Path dir = dropIn.getParent();
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> left = Files.newDirectoryStream(dir)) {
                if (left.iterator().hasNext()) {
                    return removed;
                }
            }
            Files.delete(dir);
        }
        return removed;
    }
}
