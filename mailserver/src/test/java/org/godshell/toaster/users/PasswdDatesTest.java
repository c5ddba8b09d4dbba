package org.godshell.toaster.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dates of a domain's passwd file: Dovecot reads the file again only when its size or its modification time
 * in whole seconds changed, so every version must be dated a later second than the one it replaced, however
 * many edits one second holds.
 */
class PasswdDatesTest {

    private static final String ANN = "ann@example.test";
    private static final String BOB = "bob@example.test";

    @TempDir
    Path prefix;
    private UserStore store;
    private Path passwd;

    @BeforeEach
    void store() throws Exception {
        Files.createDirectories(prefix.resolve("control"));
        store = UserStore.open(prefix);
        passwd = prefix.resolve("domains/example.test/passwd");
    }

    @Test
    void everyEditOfABurstIsDatedALaterSecondThanTheOneBefore() throws Exception {
        List<Long> seconds = new ArrayList<>();
        store.addDomain("example.test");
        seconds.add(second());
        store.addUser(ANN, "first password".toCharArray());
        seconds.add(second());
        store.addUser(BOB, "first password".toCharArray());
        seconds.add(second());
        // Same scheme, same length: these two leave the size as it was, so only the date tells Dovecot.
        store.setPassword(ANN, "second password".toCharArray());
        seconds.add(second());
        store.setPassword(BOB, "second password".toCharArray());
        seconds.add(second());
        store.setQuota(ANN, "1M");
        seconds.add(second());
        store.removeUser(BOB);
        seconds.add(second());
        for (int i = 1; i < seconds.size(); i++) {
            assertTrue(seconds.get(i) > seconds.get(i - 1), "edit " + i + " of " + seconds);
        }
        assertTrue(store.verify(ANN, "second password".toCharArray()), "the edits themselves are kept");
    }

    @Test
    void anEditLongAfterTheLastKeepsItsOwnTime() throws Exception {
        store.addDomain("example.test");
        store.addUser(ANN, "first password".toCharArray());
        Files.setLastModifiedTime(passwd, FileTime.from(Instant.now().minusSeconds(3600)));
        long before = Instant.now().getEpochSecond();
        store.setQuota(ANN, "1M");
        long after = Instant.now().getEpochSecond();
        assertTrue(second() >= before && second() <= after, second() + " is the time of the edit");
    }

    @Test
    void aFileDatedAheadIsNeverDatedBack() throws Exception {
        store.addDomain("example.test");
        store.addUser(ANN, "first password".toCharArray());
        long ahead = Instant.now().plusSeconds(3600).getEpochSecond();
        Files.setLastModifiedTime(passwd, FileTime.from(ahead, TimeUnit.SECONDS));
        store.setPassword(ANN, "second password".toCharArray());
        assertEquals(ahead + 1, second(), "a copy restored from a host whose clock was ahead");
    }

    private long second() throws Exception {
        return Files.getLastModifiedTime(passwd).to(TimeUnit.SECONDS);
    }
}
