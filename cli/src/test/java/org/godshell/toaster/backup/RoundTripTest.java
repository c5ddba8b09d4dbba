package org.godshell.toaster.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.godshell.toaster.users.UserStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full backup of a toaster restored into another, empty one: the users log in with their passwords, the
 * Maildirs, queue and keys are byte-identical, the wiki repository has the same refs; what a backup must leave
 * out is not there.
 */
class RoundTripTest {

    @TempDir
    Path temp;

    @Test
    void fullBackupRestoredIntoAnEmptyPrefix() throws Exception {
        Path source = Fixture.toaster(temp.resolve("source"));
        Backup.Result made = Fixture.backup(source).run(new Backup.IntoDirectory(source.resolve("backups")), false,
                Encryption.NONE, false);
        assertTrue(made.full());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(made.archive())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(made.archive().getParent())));
        assertEquals(java.util.List.of(), made.problems());

        Path target = temp.resolve("target");
        Files.createDirectories(target.resolve("control"));
        Files.writeString(target.resolve("control/me"), "fresh install\n");
        Restore.Result restored = Fixture.restore(target).run(made.archive());

        UserStore users = UserStore.open(target);
        assertTrue(users.verify("alice@" + Fixture.DOMAIN, "alice secret".toCharArray()));
        assertTrue(users.verify("bob@" + Fixture.DOMAIN, "bob secret".toCharArray()));
        assertFalse(users.verify("bob@" + Fixture.DOMAIN, "alice secret".toCharArray()));
        for (String area : java.util.List.of("domains", "control", "queue/mess", "var/greylist")) {
            assertEquals(Fixture.files(source.resolve(area)).keySet().stream().filter(f -> !f.contains("/tmp/")
                    && !f.endsWith(".lock")).toList(), Fixture.files(target.resolve(area)).keySet().stream().toList(), area);
        }
        assertEquals(Fixture.files(Fixture.maildir(source, "alice")), Fixture.files(Fixture.maildir(target, "alice")));
        assertEquals(Fixture.files(source.resolve("queue/mess")), Fixture.files(target.resolve("queue/mess")));
        assertEquals(Fixture.refs(source.resolve("wiki/wiki.git")), Fixture.refs(target.resolve("wiki/wiki.git")));
        assertEquals(Path.of("acme", "servercert.pem"), Files.readSymbolicLink(target.resolve("control/servercert.pem")));
        assertEquals(Files.getPosixFilePermissions(source.resolve("domains/example.org/passwd")),
                Files.getPosixFilePermissions(target.resolve("domains/example.org/passwd")));
        assertTrue(Files.isDirectory(Fixture.maildir(target, "bob").resolve("tmp")));
        assertFalse(Files.exists(Fixture.maildir(target, "bob").resolve("tmp/half-written")), "Maildir tmp/ is left out");
        assertFalse(Files.exists(target.resolve("wiki/site")), "the generated site is left out");
        assertFalse(Files.exists(target.resolve("var/backup")), "the backup's own state is left out");
        assertEquals("fresh install\n", Files.readString(restored.movedAside().resolve("control/me")),
                "the replaced control/ is kept aside");
        assertTrue(restored.areas().contains("wiki/wiki.git"));
        try (var left = Files.list(target)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".restore-staging")));
        }
    }

    @Test
    void aNameNoArchiveMayHoldIsReportedNotFatal() throws Exception {
        Path source = Fixture.toaster(temp.resolve("source"));
        Files.writeString(source.resolve("var/odd\tname"), "x");
        Files.createFile(source.resolve("var/greylist/.lock"));
        Files.writeString(source.resolve("control/.rcpthosts.123.tmp"), "half");
        Backup.Result made = Fixture.backup(source).run(new Backup.IntoFile(temp.resolve("one.tar.gz")), false,
                Encryption.NONE, false);
        assertEquals(1, made.problems().size(), made.problems().toString());
        assertTrue(made.problems().getFirst().startsWith("not backed up: control character in name var/odd%09name"));
        Path target = temp.resolve("target");
        Files.createDirectories(target.resolve("control"));
        Fixture.restore(target).run(made.archive());
        assertFalse(Files.exists(target.resolve("var/greylist/.lock")));
        assertFalse(Files.exists(target.resolve("control/.rcpthosts.123.tmp")));
        assertTrue(Files.exists(target.resolve("control/rcpthosts")));
    }

    @Test
    void anArchiveInsideAnAreaLeavesOnlyItselfOut() throws Exception {
        Path source = Fixture.toaster(temp.resolve("source"));
        Path file = source.resolve("var/greylist/copy.tar.gz");
        Backup.Result made = Fixture.backup(source).run(new Backup.IntoFile(file), false, Encryption.NONE, false);
        Path target = temp.resolve("target");
        Files.createDirectories(target.resolve("control"));
        Fixture.restore(target).run(made.archive());
        assertTrue(Files.exists(target.resolve("var/greylist/known")));
        assertFalse(Files.exists(target.resolve("var/greylist/copy.tar.gz")));
        assertFalse(Files.exists(target.resolve("var/greylist/.copy.tar.gz.tmp")));
    }
}
