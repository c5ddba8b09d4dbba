package org.godshell.toaster.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.godshell.toaster.config.UserDb;
import org.godshell.toaster.hostcheck.Finding;
import org.godshell.toaster.users.UserStore;
import org.godshell.toaster.users.sql.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserDbCheckTest {

    private static PostgresServer postgres;

    @TempDir
    Path here;
    @TempDir
    Path there;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static void host(Path prefix, String userdb, String me) throws IOException {
        Path control = Files.createDirectories(prefix.resolve("control"));
        Files.writeString(control.resolve("me"), me + "\n");
        Files.writeString(control.resolve("userdb"), userdb + "\n");
        Path secret = control.resolve("userdbpassword");
        Files.writeString(secret, postgres.password() + "\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void saysHowManyDomainsTheDatabaseHoldsAndHowManyAreKeptHere() throws Exception {
        UserDb.Postgres db = postgres.createDatabase("doctor_users");
        host(here, db.toString(), "mx1.example.net");
        host(there, db.toString(), "mx2.example.net");
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
        host(here, "postgresql://toaster@127.0.0.1:1/toaster", "mx1.example.net");
        Finding finding = UserDbCheck.check(here).orElseThrow();
        assertEquals(Finding.Level.FAIL, finding.level());
        assertTrue(finding.message().contains("127.0.0.1:1") && finding.message().contains("(451)"),
                finding.message());
    }

    @Test
    void usersInFilesNeedNoFinding() throws Exception {
        Files.createDirectories(here.resolve("control"));
        assertEquals(Optional.empty(), UserDbCheck.check(here));
    }
}
