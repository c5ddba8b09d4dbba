package org.godshell.toaster.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.backup.pgp.OpenPgpEncryption;
import org.godshell.toaster.users.UserStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives encrypted to an OpenPGP key: increments need no secret key, verify and restore need it, the wrong
 * key or a damaged message is refused before anything changes.
 */
class EncryptedBackupTest {

    @TempDir
    Path temp;

    private TestKeys.KeyFiles keys;
    private Path source;

    @BeforeEach
    void setUp() throws Exception {
        keys = TestKeys.make(temp, "admin", "pass phrase".toCharArray());
        source = Fixture.toaster(temp.resolve("source"));
    }

    private Backup.Result backup(Path dir) throws IOException {
        return Fixture.backup(source).run(new Backup.IntoDirectory(dir), false,
                out -> OpenPgpEncryption.encryptTo(keys.publicKey(), out), true);
    }

    private Opener key() {
        return Opener.withKey(keys.secretKey(), "pass phrase".toCharArray());
    }

    @Test
    void anEncryptedChainVerifiesAndRestoresWithTheKeyOnly() throws Exception {
        Path dir = temp.resolve("backups");
        Backup.Result full = backup(dir);
        assertTrue(full.archive().getFileName().toString().endsWith("-full.tar.gz.pgp"));
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(full.archive()), 64);
        assertTrue(OpenPgpEncryption.looksEncrypted(head));
        Fixture.deliver(source, "bob", "Subject: later\n\nafter\n");
        Backup.Result increment = backup(dir);
        assertFalse(increment.full(), "the increment needed no secret key: the state is plain on the host");
        assertTrue(increment.archive().getFileName().toString().endsWith("-incr.tar.gz.pgp"));

        assertEquals(List.of(), Verification.verify(increment.archive(), key(), Limits.DEFAULT).problems());
        String without = Verification.verify(increment.archive(), Opener.PLAIN, Limits.DEFAULT).problems().toString();
        assertTrue(without.contains("is encrypted: give the secret key with --key"), without);

        Path target = temp.resolve("target");
        Files.createDirectories(target.resolve("control"));
        new Restore(target, key(), Limits.DEFAULT, Clock.systemUTC()).run(increment.archive());
        assertTrue(UserStore.open(target).verify("bob@" + Fixture.DOMAIN, "bob secret".toCharArray()));
        for (String sub : List.of("new", "cur")) {
            assertEquals(Fixture.files(Fixture.maildir(source, "bob").resolve(sub)),
                    Fixture.files(Fixture.maildir(target, "bob").resolve(sub)));
        }
    }

    @Test
    void theWrongKeyOrADamagedMessageChangesNothing() throws Exception {
        Path archive = backup(temp.resolve("backups")).archive();
        Path target = Fixture.toaster(temp.resolve("target"));
        Map<String, String> before = Fixture.files(target);
        TestKeys.KeyFiles other = TestKeys.make(temp, "other", null);
        IOException wrong = assertThrows(IOException.class, () -> new Restore(target,
                Opener.withKey(other.secretKey(), null), Limits.DEFAULT, Clock.systemUTC()).run(archive));
        assertTrue(wrong.getMessage().contains(archive.getFileName().toString()), wrong.getMessage());
        byte[] bytes = Files.readAllBytes(archive);
        bytes[bytes.length - 30] ^= 0x01;
        Files.write(archive, bytes);
        IOException damaged = assertThrows(IOException.class, () -> new Restore(target, key(), Limits.DEFAULT,
                Clock.systemUTC()).run(archive));
        assertTrue(damaged.getMessage().contains(archive.getFileName().toString()), damaged.getMessage());
        assertEquals(before, Fixture.files(target));
        assertFalse(Verification.verify(archive, key(), Limits.DEFAULT).problems().isEmpty());
    }

    @Test
    void aKeyThatCannotServeLeavesNoFileBehind() throws Exception {
        Path dir = temp.resolve("backups");
        Files.createDirectories(dir);
        IOException e = assertThrows(IOException.class, () -> Fixture.backup(source).run(new Backup.IntoDirectory(dir),
                false, out -> OpenPgpEncryption.encryptTo(keys.secretKey(), out), true));
        assertTrue(e.getMessage().length() > 0);
        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.toList());
        }
    }
}
