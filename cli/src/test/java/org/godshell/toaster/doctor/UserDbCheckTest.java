package org.godshell.toaster.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.godshell.toaster.config.UserDb;
import org.godshell.toaster.hostcheck.Finding;
import org.godshell.toaster.users.UserStore;
import org.godshell.toaster.users.sql.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class UserDbCheckTest {

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @TempDir
    Path here;
    @TempDir
    Path there;

    @Test
    void saysHowManyDomainsTheDatabaseHoldsAndHowManyAreKeptHere() throws Exception {
        UserDb.Postgres db = POSTGRES.newDatabase();
        POSTGRES.shareUsers(here, db, "mx1.example.net");
        POSTGRES.shareUsers(there, db, "mx2.example.net");
        try (UserStore one = UserStore.open(here); UserStore two = UserStore.open(there)) {
            one.addDomain("example.org");
            two.addDomain("example.com");
            two.addDomain("example.net");
        }
        Finding finding = UserDbCheck.check(here).orElseThrow();
        assertEquals(Finding.Level.OK, finding.level());
        assertTrue(finding.message().endsWith("answers: 3 domain(s), 1 with their mail on this host"),
                finding.message());
    }

    @Test
    void aDatabaseThatDoesNotAnswerFails() throws Exception {
        POSTGRES.shareUsers(here, new UserDb.Postgres("127.0.0.1", 1, "toaster", "toaster"), "mx1.example.net");
        Finding finding = UserDbCheck.check(here).orElseThrow();
        assertEquals(Finding.Level.FAIL, finding.level());
        assertTrue(finding.message().contains("127.0.0.1:1") && finding.message().contains("waits in the queue"),
                finding.message());
    }

    @Test
    void usersInFilesNeedNoFinding() throws Exception {
        Files.createDirectories(here.resolve("control"));
        assertEquals(Optional.empty(), UserDbCheck.check(here));
    }
}
