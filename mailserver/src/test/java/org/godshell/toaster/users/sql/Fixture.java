package org.godshell.toaster.users.sql;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.godshell.toaster.config.UserDb;
import org.godshell.toaster.users.Address;
import org.godshell.toaster.users.UserBackend;
import org.godshell.toaster.users.UserStoreException;

/** What the backend tests share: a fresh database per test on the class's server, and backends opened on it. */
final class Fixture {

    static final String ME = "mx1.example.net";
    static final String PASSWORD = "{SHA512-CRYPT}$6$salt$hash";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    final PostgresServer server;
    final UserDb.Postgres db;
    final Path prefix;
    final List<String> log = new CopyOnWriteArrayList<>();

    Fixture(PostgresServer server, Path prefix) throws SQLException {
        this.server = server;
        this.db = server.createDatabase("users_" + DATABASES.incrementAndGet());
        this.prefix = prefix;
    }

    PostgresBackend open() throws UserStoreException {
        return open(ME);
    }

    /** A backend of the host named {@code me}. */
    PostgresBackend open(String me) throws UserStoreException {
        return PostgresBackend.open(db, Optional.of(server.password()), me, prefix, log::add);
    }

    static Address address(String text) {
        return Address.parse(text).orElseThrow();
    }

    static UserBackend.NewUser user(String text) {
        return new UserBackend.NewUser(address(text), PASSWORD, "", Optional.empty());
    }
}
