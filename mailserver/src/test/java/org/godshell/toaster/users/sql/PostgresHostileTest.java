package org.godshell.toaster.users.sql;

import static org.godshell.toaster.users.sql.Fixture.address;
import static org.godshell.toaster.users.sql.Fixture.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.users.UserBackend;
import org.godshell.toaster.users.UserBackend.AliasLookup;
import org.godshell.toaster.users.UserStoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Text that would break SQL built from strings goes through as values, and rows written by hand that the toaster
 * would refuse are stopped by the schema's checks.
 */
class PostgresHostileTest {

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private static PostgresServer server() {
        return POSTGRES.server();
    }

    @TempDir
    Path prefix;
    private Fixture fixture;
    private PostgresBackend backend;

    @BeforeEach
    void open() throws Exception {
        fixture = new Fixture(server(), prefix);
        backend = fixture.open();
        backend.addDomain("example.org");
    }

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void quotesBackslashesAndLongTextAreStoredAsTheyAre() throws Exception {
        String gecos = "O'Brien \\\"Bobby\\\" '); DROP TABLE users; -- " + "\u00e9\u2603".repeat(300);
        String password = "{SHA512-CRYPT}$6$'\\\";DROP/**/TABLE/**/users;--$" + "x".repeat(3000);
        backend.addUser(new UserBackend.NewUser(address("o.brien@example.org"), password, gecos, Optional.empty()));
        assertEquals(password, backend.domain("example.org").orElseThrow().login("o.brien").orElseThrow().password());
        assertEquals(gecos, read("SELECT gecos FROM users WHERE address = 'o.brien@example.org'"));
        assertEquals(List.of("o.brien@example.org"), backend.users("example.org").users());
    }

    @Test
    void sqlInTargetsIsOnlyText() throws Exception {
        List<String> targets = List.of("x'OR'1'='1@example.net", "robert');DROP/**/TABLE/**/aliases;--@example.net",
                "a$$b$$c@example.net", "%_*@example.net");
        assertEquals(targets, backend.addAlias("info", "example.org", targets));
        assertEquals(new AliasLookup.Targets(targets), backend.domain("example.org").orElseThrow().alias("info"));
        assertEquals(List.of("a$$b$$c@example.net", "%_*@example.net"), backend.removeAlias("info", "example.org",
                List.of("x'OR'1'='1@example.net", "robert');DROP/**/TABLE/**/aliases;--@example.net")));
        assertEquals(new AliasLookup.None(), backend.domain("example.org").orElseThrow().alias("%"));
    }

    @Test
    void likePatternsInNamesMatchNothingElse() throws Exception {
        backend.addUser(user("ann@example.org"));
        assertEquals(Optional.empty(), backend.domain("example.org").orElseThrow().login("%"));
        assertEquals(Optional.empty(), backend.domain("%"));
        assertEquals(Optional.empty(), backend.domain("example.org' OR '1'='1"));
    }

    @Test
    void aZeroByteIsAnErrorNotATruncation() {
        UserStoreException e = assertThrows(UserStoreException.class, () -> backend.addUser(
                new UserBackend.NewUser(address("ann@example.org"), Fixture.PASSWORD, "a\0b", Optional.empty())));
        assertTrue(e.getMessage().startsWith("the user database at 127.0.0.1:" + server().port()
                + " failed while adding the user ann@example.org: "), e.getMessage());
    }

    @Test
    void aRefusedRowIsNotQuotedInTheMessage() {
        String hash = "{SHA512-CRYPT}$6$secret-salt$" + "h".repeat(4096);
        UserStoreException e = assertThrows(UserStoreException.class, () -> backend.addUser(
                new UserBackend.NewUser(address("ann@example.org"), hash, "", Optional.empty())));
        assertTrue(e.getMessage().contains("violates check constraint \"users_password_check\""), e.getMessage());
        assertFalse(e.getMessage().contains("secret-salt"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "INSERT INTO users (domain, local, password) VALUES ('example.org', 'a/b', '{X}y')",
        "INSERT INTO users (domain, local, password) VALUES ('example.org', '..', '{X}y')",
        "INSERT INTO users (domain, local, password) VALUES ('example.org', 'Ann', '{X}y')",
        "INSERT INTO users (domain, local, password) VALUES ('example.org', 'ann', 'plain')",
        "INSERT INTO users (domain, local, password) VALUES ('example.org', 'ann', '{X}a:b')",
        "INSERT INTO users (domain, local, password, gecos) VALUES ('example.org', 'ann', '{X}y', E'a\\nb')",
        "INSERT INTO users (domain, local, password, quota, quota_bytes) VALUES ('example.org', 'ann', '{X}y', '5 M',"
                + " 5)",
        "INSERT INTO users (domain, local, password, quota) VALUES ('example.org', 'ann', '{X}y', '5M')",
        "INSERT INTO domains (name, mailbox_host) VALUES ('Example.com', 'mx')",
        "INSERT INTO domains (name, mailbox_host) VALUES ('a..b', 'mx')",
        "INSERT INTO domains (name, mailbox_host) VALUES ('-a.example', 'mx')",
        "INSERT INTO domains (name, mailbox_host) VALUES ('b.example', E'mx\\n')",
        "INSERT INTO domains (name, mailbox_host) VALUES ('c.example', 'mx<x>.example.net')",
        "INSERT INTO domains (name, mailbox_host) VALUES ('d.example', '[127.0.0.1]')",
        "INSERT INTO aliases (domain, name, target, position) VALUES ('example.org', 'x', 'a b@example.net', 0)",
        "INSERT INTO aliases (domain, name, target, position) VALUES ('example.org', 'x', 'a,b@example.net', 0)",
        "INSERT INTO aliases (domain, name, target, position) VALUES ('example.org', 'x', '|/bin/sh', 0)",
        "INSERT INTO aliases (domain, name, target, position) VALUES ('example.org', 'x', '|/bin/sh@example.net', 0)",
        "INSERT INTO aliases (domain, name, target, position) VALUES ('example.org', 'x', ':include:/x@example.net',"
                + " 0)",
        "INSERT INTO aliases (domain, name, target, position) VALUES ('example.org', 'x', 'a@Example.net', 0)",
        "INSERT INTO aliases (domain, name, target, position) VALUES ('example.org', 'x', 'a@b@example.net', 0)",
        "INSERT INTO aliases (domain, name, target, position) VALUES ('example.org', 'x/y', 'a@example.net', 0)",
        "INSERT INTO aliases (domain, name, target, position) VALUES ('example.org', 'x', E'\u00e9@example.net', 0)",
    })
    void theSchemaRefusesRowsTheToasterCouldNotRead(String insert) throws Exception {
        try (Connection connection = server().connect(fixture.db.database());
                PreparedStatement statement = connection.prepareStatement(insert)) {
            SQLException e = assertThrows(SQLException.class, statement::executeUpdate);
            assertEquals("23514", e.getSQLState(), e.getMessage());
        }
    }

    private String read(String sql) throws Exception {
        try (Connection connection = server().connect(fixture.db.database());
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getString(1);
        }
    }
}
