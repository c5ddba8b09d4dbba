package org.godshell.toaster.users.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.godshell.toaster.users.Address;
import org.godshell.toaster.users.UserBackend;
import org.godshell.toaster.users.UserStoreException;

/**
 * One domain of the database as a route or a login reads it: each call is one query by primary key (or the
 * {@code users_by_serial} and {@code aliases_by_name} indexes), so an edit on another host applies at once.
 * The mailbox host is read with the domain and kept for the view's short life (one route, one login).
 */
record View(Database database, String domain, Optional<String> mailboxHost) implements UserBackend.DomainView {

    @Override
    public Optional<UserBackend.Login> login(String local) throws UserStoreException {
        return database.read("looking up " + local + "@" + domain, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT password, quota_bytes FROM users WHERE domain = ? AND local = ?")) {
                select.setString(1, domain);
                select.setString(2, local);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    String password = row.getString(1);
                    long quota = row.getLong(2);
                    OptionalLong bytes = row.wasNull() ? OptionalLong.empty() : OptionalLong.of(quota);
                    return Address.parse(local + "@" + domain)
                            .map(address -> new UserBackend.Login(address, password, bytes));
                }
            }
        });
    }

    @Override
    public boolean hasMailbox(String local) throws UserStoreException {
        return database.read("looking up " + local + "@" + domain, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT 1 FROM users WHERE domain = ? AND local = ?")) {
                select.setString(1, domain);
                select.setString(2, local);
                try (ResultSet row = select.executeQuery()) {
                    return row.next();
                }
            }
        });
    }

    @Override
    public Optional<String> firstMailbox() throws UserStoreException {
        return database.read("looking up the first user of " + domain, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT address FROM users WHERE domain = ? ORDER BY serial LIMIT 1")) {
                select.setString(1, domain);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public UserBackend.AliasLookup alias(String name) throws UserStoreException {
        List<String> targets = database.read("looking up the alias " + name + "@" + domain,
                connection -> targets(connection, domain, name));
        if (targets.isEmpty()) {
            return new UserBackend.AliasLookup.None();
        }
        Optional<String> problem = Rows.aliasProblem(targets);
        return problem.isPresent()
                ? new UserBackend.AliasLookup.Broken("the user database at " + Failure.at(database.where())
                        + ": the alias " + name + "@" + domain + " cannot be used: " + problem.get()
                        + " (toaster alias list " + domain + " says why)")
                : new UserBackend.AliasLookup.Targets(targets);
    }

    /**
     * The targets of alias {@code name}, in order; one more than {@link UserBackend#MAX_ALIAS_TARGETS} at most,
     * so that a list grown by hand is seen as too long without reading all of it.
     */
    static List<String> targets(Connection connection, String domain, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT target FROM aliases WHERE domain = ? AND name = ? ORDER BY position, target LIMIT ?")) {
            select.setString(1, domain);
            select.setString(2, name);
            select.setInt(3, UserBackend.MAX_ALIAS_TARGETS + 1);
            List<String> targets = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    targets.add(rows.getString(1));
                }
            }
            return targets;
        }
    }
}
