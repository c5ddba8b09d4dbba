package org.godshell.toaster.users;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.config.UserDb;
import org.godshell.toaster.users.sql.PostgresBackend;

/**
 * Chooses the backend {@code control/userdb} names for the installation at a prefix. The file is read when the
 * store is made (a daemon's start: an edit takes effect at the next restart, as the control-file table says);
 * the backend itself is opened at the first question, so that a database not yet up delays answers, not starts.
 */
final class Backends {

    /** Makes the backend: called at the first question, and again after a failure. */
    @FunctionalInterface
    interface Open {
        UserBackend open() throws UserStoreException;
    }

    /**
     * How a store gets its backend; {@code shared}: {@code control/userdb} names a database that several hosts may
     * share (known without asking it); {@code cache}: {@code control/userdbcache} ({@link LoginCache}).
     */
    record Opener(boolean shared, Duration cache, Open how) {
        UserBackend open() throws UserStoreException {
            return how.open();
        }
    }

    private Backends() {
    }

    /**
     * The opener of the installation at {@code prefix}. A {@code control/userdb} or {@code userdbpassword} that
     * cannot be read or parsed fails every question with its {@code file:line} message: no store falls back to
     * other users than the ones the admin named.
     */
    static Opener of(Path prefix, Consumer<String> log) {
        Controls control = Controls.once(prefix.resolve("control"));
        UserDb userdb;
        Optional<String> password;
        String me;
        Duration cache;
        try {
            userdb = control.get(ControlFiles.USERDB);
            password = userdb instanceof UserDb.Postgres ? control.get(ControlFiles.USERDBPASSWORD) : Optional.empty();
            me = control.get(ControlFiles.ME);
            cache = Duration.ofSeconds(userdb instanceof UserDb.Postgres ? control.get(ControlFiles.USERDBCACHE) : 0);
        } catch (ConfigException e) {
            String problem = e.getMessage();
            return new Opener(false, Duration.ZERO, () -> {
                throw new UserStoreException(problem + "; no user can be looked up until it is fixed", e);
            });
        }
        return switch (userdb) {
            case UserDb.Files files -> new Opener(false, Duration.ZERO, () -> new FileBackend(prefix));
            case UserDb.Postgres postgres -> new Opener(true, cache,
                    () -> PostgresBackend.open(postgres, password, me, prefix, log));
        };
    }
}
