package org.godshell.toaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** --at's grammar, the drop-in's text and the crontab line, whose launcher is quoted for sh and cron. */
class StatsTimerTest {

    @Test
    void atTakesHoursAndMinutes() {
        assertEquals(LocalTime.of(0, 0), StatsTimer.at("00:00"));
        assertEquals(LocalTime.of(23, 59), StatsTimer.at("23:59"));
        assertEquals(LocalTime.of(9, 5), StatsTimer.at("09:05"));
        assertThrows(IllegalArgumentException.class, () -> StatsTimer.at(null));
        assertThrows(IllegalArgumentException.class, () -> StatsTimer.at("09:05".repeat(10_000)));
    }

    @Test
    void theDropInClearsTheUnitsHourBeforeSettingItsOwn() {
        assertEquals("# Written by \"toaster stats schedule --at\"; \"toaster stats schedule\" without --at removes "
                + "it.\n[Timer]\nOnCalendar=\nOnCalendar=*-*-* 07:05:00\n", StatsTimer.dropIn(LocalTime.of(7, 5)));
    }

    @Test
    void theCrontabLineNamesTheLauncherSafely() {
        assertEquals("5 7 * * * /opt/toaster/bin/toaster stats --scheduled",
                StatsTimer.crontabLine(Path.of("/opt/toaster"), LocalTime.of(7, 5)));
        assertEquals("0 6 * * * '/home/ann/my toaster/bin/toaster' stats --scheduled",
                StatsTimer.crontabLine(Path.of("/home/ann/my toaster"), LocalTime.of(6, 0)));
        assertEquals("0 6 * * * '/srv/a'\\''b\\%c$(x)/bin/toaster' stats --scheduled",
                StatsTimer.crontabLine(Path.of("/srv/a'b%c$(x)"), LocalTime.of(6, 0)));
        assertThrows(IllegalArgumentException.class,
                () -> StatsTimer.crontabLine(Path.of("/srv/a\nb"), LocalTime.of(6, 0)));
    }
}
