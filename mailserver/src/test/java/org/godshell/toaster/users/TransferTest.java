package org.godshell.toaster.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.godshell.toaster.config.UserDb;
import org.godshell.toaster.users.sql.PostgresBackend;
import org.godshell.toaster.users.sql.PostgresExtension;
import org.godshell.toaster.users.sql.PostgresServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code toaster users import|export} between a host's passwd files and a real PostgreSQL. */
class TransferTest {

    private static final String ME = "mx1.example.net";
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private static PostgresServer server() {
        return POSTGRES.server();
    }

    @TempDir
    Path prefix;
    @TempDir
    Path back;
    private UserDb.Postgres db;
    private final List<String> out = new ArrayList<>();

    @BeforeEach
    void filesAndADatabase() throws Exception {
        Files.createDirectories(prefix.resolve("control"));
        try (UserStore files = UserStore.open(prefix)) {
            files.addDomain("example.org");
            files.addUser("ann@example.org", "ann's password".toCharArray());
            files.addUser("bob@example.org", "bob's password".toCharArray(), PasswordScheme.SCRAM_SHA_256);
            files.addHashedUser("cy@example.org", "{MD5-CRYPT}$1$saltsalt$qjXMvbEw8oaL.CzflDtaK/", "Cy Young",
                    "500M");
            files.addAlias("sales@example.org", List.of("ann@example.org", "far@example.net"));
            files.addAlias("*@example.org", List.of("sales@example.org"));
        }
        // A line with other Dovecot fields and a broken one, as an admin may have written them.
        Path passwd = prefix.resolve("domains/example.org/passwd");
        String cy = Files.readAllLines(passwd).get(2);
        Files.write(passwd, List.of(Files.readAllLines(passwd).get(0), Files.readAllLines(passwd).get(1),
                cy + " userdb_mail=maildir:~/Other", "broken line"));
        db = POSTGRES.newDatabase();
        POSTGRES.shareUsers(prefix, db, ME);
    }

    @Test
    void importCarriesUsersWithTheirHashesNamesQuotasAndAliases() throws Exception {
        Transfer.Report report = Transfer.importFiles(prefix, false, out::add);
        assertEquals(1, report.domains());
        assertEquals(3, report.users());
        assertEquals(2, report.aliases());
        assertEquals(1, report.conflicts().size(), report.conflicts().toString());
        assertTrue(report.conflicts().get(0).contains("passwd:4"), report.conflicts().toString());
        assertTrue(out.stream().anyMatch(line -> line.contains("userdb_mail=maildir:~/Other") && line.contains("stay")),
                out.toString());
        try (UserStore database = UserStore.open(prefix)) {
            assertFalse(database.inFiles());
            assertTrue(database.verify("ann@example.org", "ann's password".toCharArray()));
            assertTrue(database.scram("bob@example.org").isPresent(), "bob keeps his SCRAM keys");
            assertTrue(database.verify("cy@example.org", "password".toCharArray()), "cy keeps the old hash");
            assertEquals(OptionalLong.of(500L << 20), database.quota("cy@example.org"));
            assertEquals(List.of("ann@example.org", "far@example.net"),
                    database.aliases("example.org").aliases().get("sales@example.org"));
            assertInstanceOf(Route.Forward.class, database.route("anyone@example.org"));
            assertInstanceOf(Route.Mailbox.class, database.route("ann@example.org"));
        }
        try (Connection sql = server().connect(db.database());
                ResultSet row = sql.createStatement().executeQuery("SELECT mailbox_host FROM domains")) {
            assertTrue(row.next());
            assertEquals(ME, row.getString(1));
        }
    }

    @Test
    void aSecondRunMovesNothingAndADryRunChangesNothing() throws Exception {
        Transfer.Report dry = Transfer.importFiles(prefix, true, out::add);
        assertEquals(3, dry.users());
        try (UserStore database = UserStore.open(prefix)) {
            assertEquals(List.of(), database.domains(), "a dry run writes nothing");
        }
        Transfer.importFiles(prefix, false, out::add);
        Transfer.Report again = Transfer.importFiles(prefix, false, out::add);
        assertEquals(List.of(0, 0, 0), List.of(again.domains(), again.users(), again.aliases()));
        assertEquals(1, again.conflicts().size(), "only the broken line, again: " + again.conflicts());
    }

    @Test
    void aUserWithAnotherPasswordInTheDatabaseIsAConflictAndKeepsIt() throws Exception {
        try (PostgresBackend database = PostgresBackend.open(db, Optional.of(server().password()), ME, prefix,
                line -> { })) {
            database.addDomain("example.org");
            database.addUser(new UserBackend.NewUser(Address.require("ann@example.org"),
                    Passwords.hash("another".toCharArray(), PasswordScheme.SHA512_CRYPT), "", Optional.empty()));
        }
        Transfer.Report report = Transfer.importFiles(prefix, false, out::add);
        assertTrue(report.conflicts().stream().anyMatch(c -> c.startsWith("ann@example.org: the other side has"
                + " another password")), report.conflicts().toString());
        try (UserStore database = UserStore.open(prefix)) {
            assertTrue(database.verify("ann@example.org", "another".toCharArray()));
            assertTrue(database.verify("bob@example.org", "bob's password".toCharArray()));
        }
    }

    @Test
    void aDomainAnotherHostStoresIsNotTakenOver() throws Exception {
        try (PostgresBackend other = PostgresBackend.open(db, Optional.of(server().password()), "mx2.example.net",
                prefix, line -> { })) {
            other.addDomain("example.org");
        }
        Transfer.Report report = Transfer.importFiles(prefix, false, out::add);
        assertEquals(0, report.users());
        assertTrue(report.conflicts().get(0).contains("stored on mx2.example.net"), report.conflicts().toString());
    }

    @Test
    void exportWritesThisHostsDomainsBackToFiles() throws Exception {
        Transfer.importFiles(prefix, false, out::add);
        try (PostgresBackend other = PostgresBackend.open(db, Optional.of(server().password()), "mx2.example.net",
                prefix, line -> { })) {
            other.addDomain("elsewhere.org");
        }
        Files.createDirectories(back.resolve("control"));
        for (String file : List.of("me", "userdb", "userdbpassword")) {
            Files.copy(prefix.resolve("control").resolve(file), back.resolve("control").resolve(file));
        }
        Transfer.Report report = Transfer.exportDatabase(back, false, out::add);
        assertEquals(List.of(1, 3, 2), List.of(report.domains(), report.users(), report.aliases()));
        assertTrue(out.stream().anyMatch(line -> line.startsWith("elsewhere.org: stored on mx2.example.net")),
                out.toString());
        Files.writeString(back.resolve("control/userdb"), "files\n");
        try (UserStore files = UserStore.open(back)) {
            assertTrue(files.inFiles());
            assertEquals(List.of("example.org"), files.domains());
            assertTrue(files.verify("ann@example.org", "ann's password".toCharArray()));
            assertEquals(OptionalLong.of(500L << 20), files.quota("cy@example.org"));
            assertInstanceOf(Route.Forward.class, files.route("anyone@example.org"));
        }
        assertEquals(List.of("example.org"), Files.readAllLines(back.resolve("control/rcpthosts")));
        assertTrue(Files.isDirectory(back.resolve("domains/example.org/ann/Maildir/new")));
    }

    @Test
    void importNeedsADatabaseInControlUserdb() throws Exception {
        Files.writeString(prefix.resolve("control/userdb"), "files\n");
        UserStoreException e = assertThrows(UserStoreException.class,
                () -> Transfer.importFiles(prefix, false, out::add));
        assertTrue(e.getMessage().contains("control/userdb says files"), e.getMessage());
        assertThrows(UserStoreException.class, () -> Transfer.exportDatabase(prefix, false, out::add));
    }

    @Test
    void aDatabaseThatCannotBeReachedIsAClearError() throws Exception {
        Files.writeString(prefix.resolve("control/userdb"), "postgresql://toaster@127.0.0.1:1/toaster\n");
        UserStoreException e = assertThrows(UserStoreException.class,
                () -> Transfer.importFiles(prefix, false, out::add));
        assertTrue(e.getMessage().contains("127.0.0.1:1"), e.getMessage());
    }
}
