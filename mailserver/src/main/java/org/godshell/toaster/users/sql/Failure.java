package org.godshell.toaster.users.sql;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import org.godshell.toaster.config.UserDb;
import org.godshell.toaster.users.UserStoreException;
import org.postgresql.util.PSQLException;

/**
 * A failure of the database as the admin reads it: which database, what the toaster was doing, what to check.
 * The SQLSTATE classes are PostgreSQL's (Appendix A, "PostgreSQL Error Codes"): 08 a connection that failed,
 * 28 a role or password refused (and the driver's 08004, a server asking for a password it was not given), 3D000
 * no such database, 57P01-57P03 a server shutting down or starting. The
 * driver's own message is kept (it never holds the password); nothing is ever turned into an empty answer.
 */
final class Failure {

    private Failure() {
    }

    /** {@code host:port}, an IPv6 address in brackets as in control/userdb. */
    static String at(UserDb.Postgres where) {
        String host = where.host().indexOf(':') >= 0 ? "[" + where.host() + "]" : where.host();
        return host + ":" + where.port();
    }

    static UserStoreException of(UserDb.Postgres where, String doing, Throwable error) {
        String state = state(error);
        String detail = detail(error);
        String at = at(where);
        String message;
        if (state.startsWith("28") || state.equals("08004")) {
            message = "the user database at " + at + " refused role " + where.user() + ": " + detail
                    + "; check control/userdbpassword and the server's pg_hba.conf";
        } else if (state.equals("3D000")) {
            message = "the user database at " + at + " has no database " + where.database() + ": " + detail
                    + "; create it (createdb -O " + where.user() + " " + where.database() + ") or fix control/userdb";
        } else if (state.startsWith("08") || state.startsWith("57P") || state.isEmpty()
                && error instanceof SQLTransientConnectionException) {
            message = "the user database at " + at + " cannot be reached: " + detail + "; mail for its domains"
                    + " waits in the queue until it answers";
        } else {
            message = "the user database at " + at + " failed while " + doing + ": " + detail
                    + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")");
        }
        return new UserStoreException(message, error);
    }

    /** Whether {@code error} is a connection that broke (class 08) or a server shutting down (57P). */
    static boolean broken(SQLException error) {
        String state = state(error);
        return state.startsWith("08") || state.startsWith("57P");
    }

    /** The first SQLSTATE along the causes: Hikari's timeout carries the driver's failure as its cause. */
    private static String state(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && !sql.getSQLState().isEmpty()) {
                return sql.getSQLState().toUpperCase(Locale.ROOT);
            }
        }
        return "";
    }

    /**
     * The innermost message, the driver's, on one line. Of a server's error only the primary message: its Detail
     * can quote the failing row, password hash included ("Failing row contains ...").
     */
    private static String detail(Throwable error) {
        String message = error.getMessage();
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof PSQLException server && server.getServerErrorMessage() != null) {
                message = server.getServerErrorMessage().getMessage();
            } else if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message == null ? error.getClass().getSimpleName() : message.strip().replaceAll("\\s+", " ");
    }
}
