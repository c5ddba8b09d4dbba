package org.godshell.toaster.users.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.godshell.toaster.config.UserDb;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real PostgreSQL for a test class ({@link PostgresServer}: skipped where none is installed, a failure under
 * CI), started before its first test and stopped after its last, and the control files that make a test prefix a
 * host of a shared user database:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final PostgresExtension POSTGRES = new PostgresExtension();
 * ...
 * POSTGRES.shareUsers(prefix, POSTGRES.newDatabase(), "mx1.example.net");
 * </pre>
 */
public final class PostgresExtension implements BeforeAllCallback, AfterAllCallback {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private PostgresServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        server = PostgresServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    public PostgresServer server() {
        return server;
    }

    /** A fresh, empty database on the server. */
    public UserDb.Postgres newDatabase() throws SQLException {
        return server.createDatabase("test_" + DATABASES.incrementAndGet());
    }

    /**
     * Makes {@code prefix} the host {@code me} of the users in {@code db}: {@code control/me}, {@code userdb} and
     * {@code userdbpassword} (mode 0600, as the toaster requires).
     */
    public void shareUsers(Path prefix, UserDb.Postgres db, String me) throws IOException {
        Path control = Files.createDirectories(prefix.resolve("control"));
        Files.writeString(control.resolve("me"), me + "\n");
        Files.writeString(control.resolve("userdb"), db + "\n");
        Path secret = control.resolve("userdbpassword");
        Files.writeString(secret, server.password() + "\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    }
}
