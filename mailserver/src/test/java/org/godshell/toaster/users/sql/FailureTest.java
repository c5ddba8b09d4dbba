package org.godshell.toaster.users.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.godshell.toaster.config.UserDb;
import org.godshell.toaster.users.UserStoreException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FailureTest {

    private static final UserDb.Postgres DB = new UserDb.Postgres("db.example.net", 5433, "mail", "toaster");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "08001 | the user database at db.example.net:5433 cannot be reached: boom; mail for its domains waits in the"
                + " queue until it answers",
        "08006 | the user database at db.example.net:5433 cannot be reached: boom; mail for its domains waits in the"
                + " queue until it answers",
        "57P01 | the user database at db.example.net:5433 cannot be reached: boom; mail for its domains waits in the"
                + " queue until it answers",
        "28P01 | the user database at db.example.net:5433 refused role toaster: boom; check control/userdbpassword"
                + " and the server's pg_hba.conf",
        "08004 | the user database at db.example.net:5433 refused role toaster: boom; check control/userdbpassword"
                + " and the server's pg_hba.conf",
        "3D000 | the user database at db.example.net:5433 has no database mail: boom; create it (createdb -O toaster"
                + " mail) or fix control/userdb",
        "42P01 | the user database at db.example.net:5433 failed while listing: boom (SQLSTATE 42P01)",
    })
    void theStateSaysWhatToCheck(String state, String message) {
        SQLException error = new SQLException("boom", state);
        UserStoreException e = Failure.of(DB, "listing", error);
        assertEquals(message, e.getMessage());
        assertSame(error, e.getCause());
    }

    @Test
    void thePoolsTimeoutIsReadByItsCauseOnOneLine() {
        SQLTransientConnectionException timeout = new SQLTransientConnectionException("pool timed out", null,
                new ConnectException("Connection\n  refused"));
        assertEquals("the user database at db.example.net:5433 cannot be reached: Connection refused; mail for its"
                + " domains waits in the queue until it answers", Failure.of(DB, "listing", timeout).getMessage());
    }

    @Test
    void anIpv6HostIsInBrackets() {
        assertEquals("[2001:db8::1]:5432", Failure.at(new UserDb.Postgres("2001:db8::1", 5432, "d", "u")));
    }
}
