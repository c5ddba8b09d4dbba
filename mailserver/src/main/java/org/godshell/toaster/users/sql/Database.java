package org.godshell.toaster.users.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.godshell.toaster.config.UserDb;
import org.godshell.toaster.users.UserStoreException;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The connection pool to one user database, the schema's migrations, and the one place where a
 * {@link SQLException} becomes a {@link UserStoreException} ({@link Failure}). Thread-safe: any number of
 * sessions may run {@link #read} and {@link #transaction} at once, each on its own pooled connection.
 */
final class Database implements AutoCloseable {

    /** Few connections: lookups are single-row reads by primary key, edits are rare. */
    static final int MAX_CONNECTIONS = 6;
    /** How long a lookup waits for a connection before the database counts as down: the mail is then deferred. */
    static final long CONNECTION_TIMEOUT_MS = 3_000;
    /** The driver's own limits, in seconds: a TCP connect, and a query that never answers. */
    static final int CONNECT_TIMEOUT_S = 3;
    static final int SOCKET_TIMEOUT_S = 30;
    static final String MIGRATIONS = "classpath:org/godshell/toaster/users/sql/migration";

    private final UserDb.Postgres where;
    private final HikariDataSource pool;

    /** Work on one connection; the caller of {@link Database} decides whether it is a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException, UserStoreException;
    }

    private Database(UserDb.Postgres where, HikariDataSource pool) {
        this.where = where;
        this.pool = pool;
    }

    /**
     * Connects to {@code where} and brings its schema up to date (Flyway takes a PostgreSQL advisory lock, so
     * hosts starting together migrate once). The password goes to the driver only, never into a message.
     */
    static Database open(UserDb.Postgres where, Optional<String> password) throws UserStoreException {
        Objects.requireNonNull(where, "where");
        PGSimpleDataSource source = new PGSimpleDataSource();
        // Host, port and names as values, never a JDBC URL built from control/userdb's text.
        source.setServerNames(new String[] {where.host()});
        source.setPortNumbers(new int[] {where.port()});
        source.setDatabaseName(where.database());
        source.setUser(where.user());
        password.ifPresent(source::setPassword);
        source.setConnectTimeout(CONNECT_TIMEOUT_S);
        source.setLoginTimeout(CONNECT_TIMEOUT_S);
        source.setSocketTimeout(SOCKET_TIMEOUT_S);
        source.setTcpKeepAlive(true);
        source.setApplicationName("toaster");
        HikariConfig config = new HikariConfig();
        config.setDataSource(source);
        config.setPoolName("toaster-users");
        config.setMaximumPoolSize(MAX_CONNECTIONS);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        config.setValidationTimeout(CONNECTION_TIMEOUT_MS / 2);
        // One try at open: a database that is down or refuses the password is the admin's error now.
        config.setInitializationFailTimeout(1);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw Failure.of(where, "connecting", e);
        }
        Database database = new Database(where, pool);
        try {
            database.migrate();
        } catch (UserStoreException | RuntimeException e) {
            pool.close();
            throw e;
        }
        return database;
    }

    private void migrate() throws UserStoreException {
        try {
            Flyway.configure(Database.class.getClassLoader())
                    .dataSource(pool)
                    .locations(MIGRATIONS)
                    .failOnMissingLocations(true)
                    .validateMigrationNaming(true)
                    .cleanDisabled(true)
                    // Through SLF4J, which the toaster binds to nothing: Flyway's lines never reach stderr.
                    .loggers("slf4j")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw Failure.of(where, "bringing its tables up to date", e);
        }
    }

    /**
     * Runs {@code work} with autocommit: each statement on its own, as a lookup needs. A pooled connection that
     * the server closed since (it restarted) fails at its first statement; the pool drops it and the lookup is
     * asked again on another, at most once for each connection the pool may hold: reads can be repeated, and a
     * lookup should not fail because the database came back. Waiting for a connection is not repeated: a
     * database that is down costs a lookup one wait.
     */
    <T> T read(String doing, Work<T> work) throws UserStoreException {
        for (int attempt = 0; ; attempt++) {
            Connection connection;
            try {
                connection = pool.getConnection();
            } catch (SQLException e) {
                throw Failure.of(where, doing, e);
            }
            try (connection) {
                return work.run(connection);
            } catch (SQLException e) {
                if (!Failure.broken(e) || attempt >= MAX_CONNECTIONS) {
                    throw Failure.of(where, doing, e);
                }
            }
        }
    }

    /**
     * Runs {@code work} in one transaction (READ COMMITTED, PostgreSQL's default): committed when it returns,
     * rolled back when it throws, so an edit that is refused half-way changes nothing.
     */
    <T> T transaction(String doing, Work<T> work) throws UserStoreException {
        try (Connection connection = pool.getConnection()) {
            // Not set back afterwards: the pool resets it when the connection returns, and on a broken
            // connection setting it would throw over the error that matters.
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | UserStoreException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw Failure.of(where, doing, e);
        }
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // The connection is broken; the pool drops it. The first error is the one to report.
            cause.addSuppressed(e);
        }
    }

    UserDb.Postgres where() {
        return where;
    }

    @Override
    public void close() {
        pool.close();
    }
}
