package org.godshell.toaster.users.sql;

import static org.godshell.toaster.users.sql.Fixture.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.config.UserDb;
import org.godshell.toaster.users.UserBackend.DomainView;
import org.godshell.toaster.users.UserStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening and failing: migrations applied once, a database that cannot be used said so at open, and a database
 * that goes down answered with errors, never with "no such user", until it is back.
 */
class PostgresOutageTest {

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private static PostgresServer server() {
        return POSTGRES.server();
    }

    @TempDir
    Path prefix;

    @Test
    void aSecondOpenMigratesNothingAndKeepsTheData() throws Exception {
        Fixture fixture = new Fixture(server(), prefix);
        try (PostgresBackend first = fixture.open()) {
            first.addDomain("example.org");
            first.addUser(user("ann@example.org"));
        }
        try (PostgresBackend second = fixture.open(); PostgresBackend third = fixture.open("mx2.example.net")) {
            assertEquals(List.of("ann@example.org"), second.users("example.org").users());
            assertEquals(List.of("ann@example.org"), third.users("example.org").users());
        }
        try (Connection connection = server().connect(fixture.db.database());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version, success FROM flyway_schema_history")) {
            assertTrue(rows.next());
            assertEquals("1", rows.getString(1));
            assertTrue(rows.getBoolean(2));
            assertFalse(rows.next(), "one migration, applied once");
        }
    }

    @Test
    void aDatabaseHoldingOtherTablesIsNotTouched() throws Exception {
        UserDb.Postgres db = server().createDatabase("someone_elses");
        try (Connection connection = server().connect(db.database());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE invoices (id integer)");
        }
        UserStoreException e = assertThrows(UserStoreException.class,
                () -> PostgresBackend.open(db, Optional.of(server().password()), Fixture.ME, prefix, line -> { }));
        assertTrue(e.getMessage().startsWith("the user database at 127.0.0.1:" + server().port()
                + " failed while bringing its tables up to date: "), e.getMessage());
        assertTrue(e.getMessage().contains("no schema history table"), e.getMessage());
    }

    @Test
    void aWrongPasswordIsSaidSoWithoutThePassword() throws Exception {
        UserDb.Postgres db = server().createDatabase("wrong_password");
        String wrong = "not-" + server().password();
        UserStoreException e = assertThrows(UserStoreException.class,
                () -> PostgresBackend.open(db, Optional.of(wrong), Fixture.ME, prefix, line -> { }));
        assertTrue(e.getMessage().startsWith("the user database at 127.0.0.1:" + server().port()
                + " refused role toaster: "), e.getMessage());
        assertTrue(e.getMessage().contains("password authentication failed"), e.getMessage());
        assertTrue(e.getMessage().endsWith("check control/userdbpassword and the server's pg_hba.conf"),
                e.getMessage());
        assertFalse(e.getMessage().contains(wrong), e.getMessage());
        UserStoreException none = assertThrows(UserStoreException.class,
                () -> PostgresBackend.open(db, Optional.empty(), Fixture.ME, prefix, line -> { }));
        assertTrue(none.getMessage().contains("refused role toaster"), none.getMessage());
    }

    @Test
    void aMissingDatabaseIsNamed() {
        UserStoreException e = assertThrows(UserStoreException.class, () -> PostgresBackend.open(
                server().database("no_such_db"), Optional.of(server().password()), Fixture.ME, prefix, line -> { }));
        assertTrue(e.getMessage().startsWith("the user database at 127.0.0.1:" + server().port()
                + " has no database no_such_db: "), e.getMessage());
    }

    @Test
    void aPortWhereNothingListensCannotBeReached() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(PostgresServer.HOST))) {
            port = probe.getLocalPort();
        }
        UserDb.Postgres nowhere = new UserDb.Postgres(PostgresServer.HOST, port, "toaster", "toaster");
        UserStoreException e = assertThrows(UserStoreException.class,
                () -> PostgresBackend.open(nowhere, Optional.of("x"), Fixture.ME, prefix, line -> { }));
        assertTrue(e.getMessage().startsWith("the user database at 127.0.0.1:" + port + " cannot be reached: "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("mail for its domains waits in the queue until it answers"),
                e.getMessage());
    }

    @Test
    void openingWritesNothingToStderr() throws Exception {
        Fixture fixture = new Fixture(server(), prefix);
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (PostgresBackend backend = fixture.open()) {
            backend.addDomain("example.org");
        } finally {
            System.setErr(saved);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
    }

    /**
     * The server stops under an open pool: every question is an error that says the database cannot be reached;
     * started again, the same backend answers, its pool having replaced the broken connections.
     */
    @Test
    void aDatabaseThatGoesDownIsAnErrorUntilItIsBack() throws Exception {
        Fixture fixture = new Fixture(server(), prefix);
        try (PostgresBackend backend = fixture.open()) {
            backend.addDomain("example.org");
            backend.addUser(user("ann@example.org"));
            DomainView view = backend.domain("example.org").orElseThrow();
            server().stop();
            try {
                // Each waits for the pool's connection timeout (3 s): five, not every operation.
                for (Lookup lookup : List.<Lookup>of(() -> backend.domain("example.org"), () -> view.login("ann"),
                        () -> view.alias("info"), () -> backend.users("example.org"),
                        () -> backend.removeUser(Fixture.address("ann@example.org")))) {
                    UserStoreException e = assertThrows(UserStoreException.class, lookup::run);
                    assertTrue(e.getMessage().startsWith("the user database at 127.0.0.1:" + server().port()
                            + " cannot be reached: "), e.getMessage());
                }
            } finally {
                server().startAgain();
            }
            assertTrue(afterRestart(backend).login("ann").isPresent());
            backend.addUser(user("bob@example.org"));
            assertEquals(List.of("ann@example.org", "bob@example.org"), backend.users("example.org").users());
        }
    }

    /** Connections the server closed under a pool (a restart, an admin's pg_terminate_backend) cost no lookup. */
    @Test
    void connectionsTheServerClosedAreReplacedWithoutFailingALookup() throws Exception {
        Fixture fixture = new Fixture(server(), prefix);
        try (PostgresBackend backend = fixture.open()) {
            backend.addDomain("example.org");
            backend.addUser(user("ann@example.org"));
            for (int round = 0; round < 3; round++) {
                assertTrue(backend.domain("example.org").orElseThrow().login("ann").isPresent());
                try (Connection admin = server().connect(fixture.db.database());
                        Statement kill = admin.createStatement()) {
                    kill.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name ="
                            + " 'toaster' AND pid <> pg_backend_pid()");
                }
                assertTrue(backend.domain("example.org").orElseThrow().login("ann").isPresent(), "round " + round);
            }
        }
    }

    /**
     * The domain once the pool has a connection again. The pool's connection maker backs off while the server is
     * down (up to about the connection timeout), so the first question after the restart may still be told the
     * database cannot be reached; a few tries, each an error of the same kind until one answers.
     */
    private static DomainView afterRestart(PostgresBackend backend) throws UserStoreException {
        for (int attempt = 1; ; attempt++) {
            try {
                return backend.domain("example.org").orElseThrow();
            } catch (UserStoreException e) {
                assertTrue(e.getMessage().contains(" cannot be reached: "), e.getMessage());
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    @FunctionalInterface
    private interface Lookup {
        Object run() throws UserStoreException;
    }
}
