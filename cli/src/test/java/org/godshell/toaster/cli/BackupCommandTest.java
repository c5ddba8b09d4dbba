package org.godshell.toaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.godshell.toaster.users.UserStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code toaster backup}, {@code --verify}, {@code --keep} and {@code toaster restore} end to end. */
class BackupCommandTest {

    @TempDir
    Path temp;

    private String out;
    private String err;

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Toaster.execute(new PrintWriter(o, true), new PrintWriter(e, true), args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    private Path toaster(String name) throws Exception {
        Path prefix = temp.resolve(name);
        Files.createDirectories(prefix.resolve("control"));
        Files.writeString(prefix.resolve("control/me"), name + ".example\n");
        return prefix;
    }

    private static Path[] archives(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("toaster-backup-")).sorted()
                    .toArray(Path[]::new);
        }
    }

    @Test
    void backupVerifyRestore() throws Exception {
        Path source = toaster("source");
        UserStore.open(source).addDomain("example.org");
        UserStore.open(source).addUser("ann@example.org", "ann's secret".toCharArray());
        assertEquals(0, run("backup", "--prefix", source.toString()), err);
        assertTrue(out.startsWith("full backup: " + source.resolve("backups")), out);
        assertEquals(0, run("backup", "--prefix", source.toString(), "--keep", "1"), err);
        assertTrue(out.startsWith("incremental backup: "), out);
        assertTrue(out.contains("kept every archive"), "the increment needs its full base: " + out);
        Path[] made = archives(source.resolve("backups"));
        assertEquals(2, made.length);

        assertEquals(0, run("backup", "--verify", made[1].toString()), err);
        assertTrue(out.startsWith("OK: " + made[1].getFileName()), out);

        Path target = toaster("target");
        assertEquals(0, run("restore", "--prefix", target.toString(), made[1].toString()), err);
        assertTrue(out.contains("restored from " + made[0].getFileName() + " + " + made[1].getFileName()), out);
        assertTrue(out.contains("systemctl start toaster-smtpd"), out);
        assertTrue(UserStore.open(target).verify("ann@example.org", "ann's secret".toCharArray()));
        assertEquals("source.example\n", Files.readString(target.resolve("control/me")));

        byte[] bytes = Files.readAllBytes(made[0]);
        bytes[bytes.length / 2] ^= 1;
        Files.write(made[0], bytes);
        assertEquals(1, run("backup", "--verify", made[1].toString()));
        assertTrue(err.contains(made[0].getFileName().toString()) && err.contains("NOT good"), err);
    }

    @Test
    void intoAFileAndRefusals() throws Exception {
        Path source = toaster("source");
        Path file = temp.resolve("one.tar.gz");
        assertEquals(0, run("backup", "--prefix", source.toString(), "--to", file.toString()), err);
        assertTrue(Files.isRegularFile(file));
        assertEquals(1, run("backup", "--prefix", source.toString(), "--to", file.toString()));
        assertTrue(err.contains("exists"), err);
        assertEquals(1, run("backup", "--prefix", source.toString(), "--to", temp.resolve("two.tar.gz").toString(),
                "--keep", "2"));
        assertEquals(1, run("backup", "--prefix", source.toString(), "--keep", "0"));

        Path target = toaster("target");
        Files.createDirectories(target.resolve("queue"));
        try (FileChannel channel = FileChannel.open(target.resolve("queue/lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = channel.lock()) {
            assertEquals(1, run("restore", "--prefix", target.toString(), file.toString()));
            assertTrue(err.contains("stop the services first: systemctl stop toaster-smtpd") && held.isValid(), err);
        }
        assertEquals("target.example\n", Files.readString(target.resolve("control/me")));
        assertEquals(1, run("restore", "--prefix", target.toString(), temp.resolve("nothing.tar.gz").toString()));
        assertTrue(err.contains("no archive"), err);
    }

    @Test
    void scheduleWritesTheSettingsAndTheScheduledBackupFollowsThem() throws Exception {
        Path source = toaster("source");
        Path nightly = temp.resolve("nightly");
        assertEquals(0, run("backup", "schedule", "--prefix", source.toString(), "--to", nightly.toString(),
                "--keep", "2"), err);
        assertEquals(nightly + "\n", Files.readString(source.resolve("control/backupdir")));
        assertEquals("2\n", Files.readString(source.resolve("control/backupkeep")));
        assertTrue(out.contains("17 3 * * * " + source.resolve("bin/toaster") + " backup --scheduled"), out);
        assertEquals(0, run("backup", "--scheduled", "--prefix", source.toString()), err);
        assertTrue(out.startsWith("full backup: " + nightly), out);
        assertEquals(1, archives(nightly).length);
        assertEquals(1, run("backup", "--scheduled", "--to", temp.toString(), "--prefix", source.toString()));
        assertEquals(0, run("backup", "unschedule", "--prefix", source.toString()), err);
        assertTrue(out.contains("remove this line"), out);
        assertEquals(1, run("backup", "schedule", "--prefix", source.toString(), "--to", nightly.toString(),
                "--keep", "0"));
        Files.writeString(source.resolve("control/backupdir"), "relative/dir\n");
        assertEquals(1, run("backup", "--scheduled", "--prefix", source.toString()));
        assertTrue(err.contains("backupdir") && err.contains("absolute path"), err);
    }

    @Test
    void encryptedBackupsNeedTheKeyToBeRead() throws Exception {
        Path source = toaster("source");
        var keys = org.godshell.toaster.backup.TestKeys.make(temp, "admin", "two words".toCharArray());
        Path pass = Files.writeString(temp.resolve("pass"), "two words\n");
        assertEquals(0, run("backup", "--prefix", source.toString(), "--encrypt-to", keys.publicKey().toString()), err);
        Path archive = archives(source.resolve("backups"))[0];
        assertTrue(archive.toString().endsWith("-full.tar.gz.pgp"), archive.toString());
        assertEquals(1, run("backup", "--verify", archive.toString()));
        assertTrue(err.contains("give the secret key with --key"), err);
        assertEquals(1, run("backup", "--verify", archive.toString(), "--key", keys.secretKey().toString()));
        assertEquals(0, run("backup", "--verify", archive.toString(), "--key", keys.secretKey().toString(),
                "--passphrase-file", pass.toString()), err);
        Path target = toaster("target");
        assertEquals(0, run("restore", "--prefix", target.toString(), "--key", keys.secretKey().toString(),
                "--passphrase-file", pass.toString(), archive.toString()), err);
        assertEquals("source.example\n", Files.readString(target.resolve("control/me")));

        assertEquals(0, run("backup", "schedule", "--prefix", source.toString(), "--to", temp.resolve("n").toString(),
                "--encrypt-to", keys.publicKey().toString()), err);
        assertEquals(keys.publicKey() + "\n", Files.readString(source.resolve("control/backupencryptto")));
        assertEquals(0, run("backup", "--scheduled", "--prefix", source.toString()), err);
        assertTrue(archives(temp.resolve("n"))[0].toString().endsWith(".pgp"));
        assertEquals(1, run("backup", "schedule", "--prefix", source.toString(), "--to", temp.resolve("n").toString(),
                "--encrypt-to", keys.secretKey().toString()));
        assertEquals(keys.publicKey() + "\n", Files.readString(source.resolve("control/backupencryptto")),
                "a key that cannot serve changes nothing");
    }
}
