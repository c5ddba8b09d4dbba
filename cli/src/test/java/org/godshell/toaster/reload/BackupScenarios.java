package org.godshell.toaster.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.godshell.toaster.cli.Toaster;

/** The nightly backup's settings: the next {@code toaster backup --scheduled} follows an edit. */
final class BackupScenarios {

    private BackupScenarios() {
    }

    static Map<String, Scenario> all() {
        return Map.of("backupdir", BackupScenarios::backupdir, "backupkeep", BackupScenarios::backupkeep,
                "backupencryptto", BackupScenarios::backupencryptto);
    }

    private static String scheduled(Installation t) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Toaster.execute(new PrintWriter(out, true), new PrintWriter(err, true), "backup", "--scheduled",
                "--prefix", t.prefix.toString());
        assertEquals(0, code, err.toString());
        return out.toString();
    }

    private static long archives(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("toaster-backup-")).count();
        }
    }

    static void backupdir(Installation t, Edits edits) throws Exception {
        Path dir = Files.createTempDirectory("backupdir").resolve("nightly");
        edits.write("control/backupdir", dir + "\n");
        assertTrue(scheduled(t).startsWith("full backup: " + dir), "the next backup goes to the new directory");
        assertEquals(1, archives(dir));
    }

    /** Two archives of an old chain; the default keeps them, an edit to 1 deletes them at the next backup. */
    static void backupkeep(Installation t, Edits edits) throws Exception {
        Path dir = Files.createTempDirectory("backupkeep");
        Files.writeString(dir.resolve("toaster-backup-20200101-000000-full.tar.gz"), "old");
        Files.writeString(dir.resolve("toaster-backup-20200102-000000-incr.tar.gz"), "old");
        edits.write("control/backupdir", dir + "\n");
        scheduled(t);
        assertEquals(3, archives(dir), "the default keeps 7");
        edits.write("control/backupkeep", "1\n");
        scheduled(t);
        assertEquals(2, archives(dir), "kept 1 point: the new increment and its full base; the old chain deleted");
    }

    /** Plain archives until the setting names a key; the next backup is encrypted to it. */
    static void backupencryptto(Installation t, Edits edits) throws Exception {
        Path dir = Files.createTempDirectory("backupencryptto");
        var keys = org.godshell.toaster.backup.TestKeys.make(dir, "admin", null);
        edits.write("control/backupdir", dir.resolve("archives") + "\n");
        assertTrue(scheduled(t).contains(".tar.gz\n"));
        edits.write("control/backupencryptto", keys.publicKey() + "\n");
        assertTrue(scheduled(t).contains(".tar.gz.pgp\n"), "the next backup is encrypted");
    }
}
