package org.godshell.toaster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** backupdir and backupkeep: defaults, good values, and what is refused with file:line. */
class BackupSettingsTest {

    @TempDir
    Path control;

    @Test
    void defaultsAndValues() throws Exception {
        assertEquals(Optional.empty(), Controls.once(control).get(ControlFiles.BACKUPDIR));
        assertEquals(7L, Controls.once(control).get(ControlFiles.BACKUPKEEP));
        Files.writeString(control.resolve("backupdir"), "/var/backups/./toaster/\n");
        Files.writeString(control.resolve("backupkeep"), "14\n");
        assertEquals(Optional.of(Path.of("/var/backups/toaster")), Controls.once(control).get(ControlFiles.BACKUPDIR));
        assertEquals(14L, Controls.once(control).get(ControlFiles.BACKUPKEEP));
        assertEquals("next backup", ControlFiles.BACKUPDIR.effectText());
    }

    @Test
    void refused() throws Exception {
        for (String bad : new String[] {"relative/dir", "~/backups", "/x\u0001y", "/" + "a".repeat(5000)}) {
            Files.writeString(control.resolve("backupdir"), bad + "\n");
            ConfigException e = assertThrows(ConfigException.class, () -> Controls.once(control).get(ControlFiles.BACKUPDIR));
            assertTrue(e.getMessage().contains("backupdir") && e.getMessage().contains("absolute path"), e.getMessage());
        }
        for (String bad : new String[] {"0", "1001", "-1", "seven", "99999999999999999999"}) {
            Files.writeString(control.resolve("backupkeep"), bad + "\n");
            assertThrows(ConfigException.class, () -> Controls.once(control).get(ControlFiles.BACKUPKEEP), bad);
        }
    }
}
