package org.godshell.toaster.users.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.godshell.toaster.users.Address;
import org.godshell.toaster.users.UserBackend;
import org.godshell.toaster.users.UserStoreException;

/**
 * {@code toaster alias add|remove} in the database, with {@code users.AliasEdits}'s rules and messages: each edit
 * is one transaction under its domain's row lock ({@link UserEdits#lockDomain}), so a user cannot be added under
 * an alias's name while the alias is checked, and two edits of one alias never lose each other's targets.
 * Targets arrive parsed and free of loops to the alias itself.
 */
final class AliasChanges {

    private final Database database;

    AliasChanges(Database database) {
        this.database = database;
    }

    /** Adds the targets after the alias's own (a union that keeps the order); returns them all. */
    List<String> add(String name, String domain, List<String> targets) throws UserStoreException {
        String alias = name + "@" + domain;
        if (targets.isEmpty()) {
            throw new UserStoreException("no target for " + alias + ": give at least one address");
        }
        return database.transaction("adding to the alias " + alias, connection -> {
            UserEdits.lockDomain(connection, domain);
            if (UserEdits.userExists(connection, domain, name)) {
                throw new UserStoreException(alias + " is a user (in the user database at "
                        + Failure.at(database.where()) + "); an alias cannot have a user's address: pick another"
                        + " name, or remove the user first");
            }
            List<String> existing = View.targets(connection, domain, name);
            Optional<String> problem = Rows.aliasProblem(existing);
            if (problem.isPresent()) {
                throw new UserStoreException("the alias " + alias + " in the user database at "
                        + Failure.at(database.where()) + " cannot be used (" + problem.get() + "); fix its rows by"
                        + " hand, or toaster alias remove " + alias);
            }
            Set<String> all = new LinkedHashSet<>(existing);
            for (String target : targets) {
                if (name.equals(UserBackend.CATCH_ALL) && target.endsWith("@" + domain)
                        && !reachable(connection, target, domain)) {
                    throw new UserStoreException(target + " is neither a user nor an alias of " + domain
                            + ", so its mail would come back to the catch-all: add that user or alias first");
                }
                all.add(target);
            }
            if (all.size() > UserBackend.MAX_ALIAS_TARGETS) {
                throw new UserStoreException(alias + " would have " + all.size() + " targets; at most "
                        + UserBackend.MAX_ALIAS_TARGETS + " are allowed: use list software for larger lists");
            }
            List<String> added = new ArrayList<>(all).subList(existing.size(), all.size());
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO aliases (domain, name, target, position) VALUES (?, ?, ?, ?)")) {
                int position = nextPosition(connection, domain, name);
                for (String target : added) {
                    insert.setString(1, domain);
                    insert.setString(2, name);
                    insert.setString(3, target);
                    insert.setInt(4, position++);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return List.copyOf(all);
        });
    }

    /** Removes the given targets, or the whole alias when none are given; returns the targets left. */
    List<String> remove(String name, String domain, List<String> drop) throws UserStoreException {
        String alias = name + "@" + domain;
        return database.transaction("removing from the alias " + alias, connection -> {
            UserEdits.lockDomain(connection, domain);
            List<String> left = new ArrayList<>(View.targets(connection, domain, name));
            if (left.isEmpty()) {
                throw new UserStoreException("no alias " + alias);
            }
            for (String target : drop) {
                if (!left.remove(target)) {
                    throw new UserStoreException(target + " is not a target of " + alias + "; its targets are "
                            + String.join(", ", left));
                }
            }
            String sql = drop.isEmpty() ? "DELETE FROM aliases WHERE domain = ? AND name = ?"
                    : "DELETE FROM aliases WHERE domain = ? AND name = ? AND target = ANY (?)";
            try (PreparedStatement delete = connection.prepareStatement(sql)) {
                delete.setString(1, domain);
                delete.setString(2, name);
                if (!drop.isEmpty()) {
                    delete.setArray(3, connection.createArrayOf("text", drop.toArray()));
                }
                delete.executeUpdate();
            }
            return drop.isEmpty() ? List.<String>of() : List.copyOf(left);
        });
    }

    /** After the alias's last target: positions keep the gaps that removals leave, so it is not the count. */
    private static int nextPosition(Connection connection, String domain, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT coalesce(max(position) + 1, 0) FROM aliases WHERE domain = ? AND name = ?")) {
            select.setString(1, domain);
            select.setString(2, name);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    /**
     * Whether a same-domain target of the catch-all lands somewhere other than the catch-all itself: a user or
     * alias of its name, or of the name before its {@code +tag}, as plus-addressing routes it.
     */
    private static boolean reachable(Connection connection, String target, String domain) throws SQLException {
        String local = target.substring(0, target.lastIndexOf('@')).toLowerCase(Locale.ROOT);
        int plus = local.indexOf('+');
        List<String> names = new ArrayList<>();
        for (String name : plus > 0 ? List.of(local, local.substring(0, plus)) : List.of(local)) {
            if (Address.parse(name + "@" + domain).filter(a -> a.local().equals(name)).isPresent()) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            return false;
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM users WHERE domain = ?"
                + " AND local = ANY (?) UNION ALL SELECT 1 FROM aliases WHERE domain = ? AND name = ANY (?) LIMIT 1")) {
            Object[] array = names.toArray();
            select.setString(1, domain);
            select.setArray(2, connection.createArrayOf("text", array));
            select.setString(3, domain);
            select.setArray(4, connection.createArrayOf("text", array));
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }
}
