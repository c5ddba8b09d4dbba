package org.godshell.toaster.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.godshell.toaster.users.UserStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Increments: what changed is stored, the rest referenced; a chain restores the state of its last archive. */
class IncrementalTest {

    @TempDir
    Path temp;

    private Backup.Result backup(Path prefix, Backup.Target target, boolean full) throws Exception {
        return Fixture.backup(prefix).run(target, full, Encryption.NONE, false);
    }

    @Test
    void aChainOfIncrementsRestoresTheLastState() throws Exception {
        Path source = Fixture.toaster(temp.resolve("source"));
        Backup.IntoDirectory into = new Backup.IntoDirectory(temp.resolve("backups"));
        Backup.Result full = backup(source, into, false);
        assertTrue(full.full());

        String later = Fixture.deliver(source, "alice", "Subject: later\r\n\r\nafter the full backup\r\n");
        Path gone;
        try (var news = Files.list(Fixture.maildir(source, "alice").resolve("new"))) {
            gone = news.filter(p -> !p.getFileName().toString().equals(later)).findFirst().orElseThrow();
        }
        Files.delete(gone);
        Backup.Result first = backup(source, into, false);
        assertFalse(first.full());
        assertTrue(first.referenced() > 5, "unchanged files referenced: " + first.referenced());
        assertEquals(1, first.stored(), "only the new message: the wiki bundle is the same, nothing else changed");

        UserStore.open(source).setPassword("bob@" + Fixture.DOMAIN, "new bob".toCharArray());
        Fixture.wiki(source.resolve("wiki/wiki.git"), "Second.md", "# Second\n");
        Backup.Result second = backup(source, into, false);
        assertFalse(second.full());
        assertEquals(2, second.stored(), "bob's passwd file and the wiki bundle");
        assertTrue(Verification.verify(second.archive(), Opener.PLAIN, Limits.DEFAULT).problems().isEmpty());

        Path target = temp.resolve("target");
        Files.createDirectories(target.resolve("control"));
        Restore.Result restored = Fixture.restore(target).run(second.archive());
        assertTrue(restored.areas().contains("domains"));
        UserStore users = UserStore.open(target);
        assertTrue(users.verify("bob@" + Fixture.DOMAIN, "new bob".toCharArray()));
        assertTrue(users.verify("alice@" + Fixture.DOMAIN, "alice secret".toCharArray()));
        assertEquals(Fixture.files(Fixture.maildir(source, "alice")), Fixture.files(Fixture.maildir(target, "alice")));
        assertFalse(Files.exists(Fixture.maildir(target, "alice").resolve("new").resolve(gone.getFileName())));
        assertEquals(Fixture.refs(source.resolve("wiki/wiki.git")), Fixture.refs(target.resolve("wiki/wiki.git")));
    }

    @Test
    void aFullBackupAfterSixIncrementsOrWhenAsked() throws Exception {
        Path source = Fixture.toaster(temp.resolve("source"));
        Backup.IntoDirectory into = new Backup.IntoDirectory(temp.resolve("backups"));
        assertTrue(backup(source, into, false).full());
        for (int i = 0; i < Backup.INCREMENTS_PER_FULL; i++) {
            assertFalse(backup(source, into, false).full(), "increment " + (i + 1));
        }
        assertTrue(backup(source, into, false).full(), "the seventh after a full one is full");
        assertFalse(backup(source, into, false).full());
        assertTrue(backup(source, into, true).full(), "--full");
    }

    @Test
    void intoAFileAlwaysFullAndTheChainGoesOn() throws Exception {
        Path source = Fixture.toaster(temp.resolve("source"));
        Backup.IntoDirectory into = new Backup.IntoDirectory(temp.resolve("backups"));
        Backup.Result full = backup(source, into, false);
        Backup.Result file = backup(source, new Backup.IntoFile(temp.resolve("one.tar.gz")), false);
        assertTrue(file.full());
        assertEquals(temp.resolve("one.tar.gz"), file.archive());
        assertTrue(Verification.verify(file.archive(), Opener.PLAIN, Limits.DEFAULT).problems().isEmpty());
        Backup.Result next = backup(source, into, false);
        assertFalse(next.full(), "the directory's chain is not broken by a backup elsewhere");
        assertEquals(List.of(full.archive().getFileName().toString(), next.archive().getFileName().toString()),
                Verification.verify(next.archive(), Opener.PLAIN, Limits.DEFAULT).archives());
    }

    @Test
    void aMissingBaseIsNamed() throws Exception {
        Path source = Fixture.toaster(temp.resolve("source"));
        Backup.IntoDirectory into = new Backup.IntoDirectory(temp.resolve("backups"));
        Backup.Result full = backup(source, into, false);
        Backup.Result increment = backup(source, into, false);
        Files.move(full.archive(), temp.resolve("elsewhere.tar.gz"));
        Verification.Report report = Verification.verify(increment.archive(), Opener.PLAIN, Limits.DEFAULT);
        assertEquals(1, report.problems().size(), report.problems().toString());
        assertTrue(report.problems().getFirst().contains("missing archive " + full.archive().getFileName()),
                report.problems().toString());
        assertTrue(backup(source, into, false).full(), "with its base gone, the next backup is a full one");
    }

    @Test
    void oneBackupAtATime() throws Exception {
        Path source = Fixture.toaster(temp.resolve("source"));
        Path lock = source.resolve("var/backup/lock");
        Files.createDirectories(lock.getParent());
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lock,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                java.nio.channels.FileLock held = channel.lock()) {
            java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                    () -> backup(source, new Backup.IntoDirectory(temp.resolve("backups")), false));
            assertTrue(e.getMessage().contains("another toaster backup runs") && held.isValid(), e.getMessage());
        }
        assertTrue(backup(source, new Backup.IntoDirectory(temp.resolve("backups")), false).full());
    }
}
