package org.godshell.toaster.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The timer is switched with systemctl's own argument list; elsewhere the crontab line names the launcher. */
class BackupTimerTest {

    @Test
    void systemctlArgumentsAndCrontabLine() throws Exception {
        List<List<String>> ran = new ArrayList<>();
        BackupTimer timer = new BackupTimer(argv -> {
            ran.add(argv);
            return new BackupTimer.Outcome(0, "");
        });
        timer.enable();
        timer.disable();
        assertEquals(List.of(List.of("systemctl", "enable", "--now", "toaster-backup.timer"),
                List.of("systemctl", "disable", "--now", "toaster-backup.timer")), ran);
        assertEquals("17 3 * * * /opt/toaster/bin/toaster backup --scheduled",
                BackupTimer.crontabLine(Path.of("/opt/toaster")));
    }
}
