package org.godshell.toaster.users.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;
import java.util.Optional;
import org.godshell.toaster.users.Address;
import org.godshell.toaster.users.UserBackend;
import org.godshell.toaster.users.UserStoreException;

/**
 * The domain and user edits, each one transaction. Every edit of a domain's users first locks the domain's row
 * ({@code SELECT ... FOR UPDATE}): two hosts adding the same user run one after the other, and the second is
 * refused with the file backend's message; a domain cannot be removed under an edit of its users. The messages
 * say the same as {@code users.Edits}'s.
 */
final class UserEdits {

    private final Database database;
    private final String me;
    private final Path domains;

    UserEdits(Database database, String me, Path domains) {
        this.database = database;
        this.me = me;
        this.domains = domains;
    }

    void addDomain(String domain) throws UserStoreException {
        boolean added = database.transaction("adding the domain " + domain, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO domains (name, mailbox_host) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
                insert.setString(1, domain);
                insert.setString(2, me);
                return insert.executeUpdate() == 1;
            }
        });
        if (!added) {
            throw new UserStoreException("domain " + domain + " exists already (in the user database at "
                    + Failure.at(database.where()) + ")");
        }
        Path dir = domains.resolve(domain);
        try {
            DomainHome.make(dir);
        } catch (IOException e) {
            throw new UserStoreException("domain " + domain + " is added to the user database, but its directory "
                    + dir + " could not be made (" + e.getMessage() + "); make it, mode 0750, owned by the toaster"
                    + " user", e);
        }
    }

    /**
     * Deletes the domain's aliases, users and row in one transaction; then, when this host holds its mail, moves
     * {@code domains/DOMAIN} aside. A forced removal is the only edit that deletes users.
     */
    Optional<Path> removeDomain(String domain, boolean force) throws UserStoreException {
        String host = database.transaction("removing the domain " + domain, connection -> {
            String mailboxHost = lockDomain(connection, domain);
            long users;
            try (PreparedStatement count = connection.prepareStatement(
                    "SELECT count(*) FROM users WHERE domain = ?")) {
                count.setString(1, domain);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    users = row.getLong(1);
                }
            }
            if (users > 0 && !force) {
                throw new UserStoreException("domain " + domain + " has " + users + " user(s); remove them first,"
                        + " or use --force to move the whole domain aside with their mail");
            }
            for (String delete : new String[] {"DELETE FROM aliases WHERE domain = ?",
                    "DELETE FROM users WHERE domain = ?", "DELETE FROM domains WHERE name = ?"}) {
                try (PreparedStatement statement = connection.prepareStatement(delete)) {
                    statement.setString(1, domain);
                    statement.executeUpdate();
                }
            }
            return mailboxHost;
        });
        return moveAsideHere(host, domains.resolve(domain), "the domain " + domain);
    }

    void addUser(UserBackend.NewUser user) throws UserStoreException {
        Address address = user.address();
        database.transaction("adding the user " + address, connection -> {
            lockDomain(connection, address.domain());
            if (userExists(connection, address.domain(), address.local())) {
                throw new UserStoreException("user " + address + " exists already; toaster user passwd changes"
                        + " the password");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO users"
                    + " (domain, local, password, gecos, quota, quota_bytes) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, address.domain());
                insert.setString(2, address.local());
                insert.setString(3, user.password());
                insert.setString(4, user.gecos());
                setQuota(insert, 5, user.quota());
                insert.executeUpdate();
            }
            return null;
        });
    }

    void setPassword(Address address, String password) throws UserStoreException {
        update(address, "changing the password of " + address, "UPDATE users SET password = ?"
                + " WHERE domain = ? AND local = ?", 2, statement -> statement.setString(1, password));
    }

    /** Whether it replaced: only while the stored field still is {@code old} (a rehash at login). */
    boolean replacePassword(Address address, String old, String fresh) throws UserStoreException {
        return database.transaction("rehashing the password of " + address, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE users SET password = ?"
                    + " WHERE domain = ? AND local = ? AND password = ?")) {
                update.setString(1, fresh);
                update.setString(2, address.domain());
                update.setString(3, address.local());
                update.setString(4, old);
                return update.executeUpdate() == 1;
            }
        });
    }

    void setQuota(Address address, Optional<UserBackend.QuotaSize> quota) throws UserStoreException {
        update(address, "changing the quota of " + address, "UPDATE users SET quota = ?, quota_bytes = ?"
                + " WHERE domain = ? AND local = ?", 3, statement -> setQuota(statement, 1, quota));
    }

    Optional<Path> removeUser(Address address) throws UserStoreException {
        String host = database.transaction("removing the user " + address, connection -> {
            String mailboxHost = lockDomain(connection, address.domain());
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM users WHERE domain = ? AND local = ?")) {
                delete.setString(1, address.domain());
                delete.setString(2, address.local());
                if (delete.executeUpdate() == 0) {
                    throw new UserStoreException("no user " + address);
                }
            }
            return mailboxHost;
        });
        return moveAsideHere(host, domains.resolve(address.domain()).resolve(address.local()), "the user " + address);
    }

    @FunctionalInterface
    private interface Values {
        void set(PreparedStatement statement) throws SQLException;
    }

    /** One UPDATE of an existing user's row; parameters {@code key} and {@code key + 1} are domain and local part. */
    private void update(Address address, String doing, String sql, int key, Values values)
            throws UserStoreException {
        database.transaction(doing, connection -> {
            lockDomain(connection, address.domain());
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                values.set(update);
                update.setString(key, address.domain());
                update.setString(key + 1, address.local());
                if (update.executeUpdate() == 0) {
                    throw new UserStoreException("no user " + address + "; toaster user add creates it");
                }
            }
            return null;
        });
    }

    /**
     * Locks the domain's row for the rest of the transaction and returns its mailbox host; an unknown domain is
     * the file backend's refusal.
     */
    static String lockDomain(Connection connection, String domain) throws SQLException, UserStoreException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT mailbox_host FROM domains WHERE name = ? FOR UPDATE")) {
            select.setString(1, domain);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new UserStoreException("no domain " + domain + "; toaster domain add " + domain
                            + " creates it");
                }
                return row.getString(1);
            }
        }
    }

    static boolean userExists(Connection connection, String domain, String local) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM users WHERE domain = ? AND local = ?")) {
            select.setString(1, domain);
            select.setString(2, local);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private static void setQuota(PreparedStatement statement, int first, Optional<UserBackend.QuotaSize> quota)
            throws SQLException {
        if (quota.isPresent()) {
            statement.setString(first, quota.get().text());
            statement.setLong(first + 1, quota.get().bytes());
        } else {
            statement.setNull(first, Types.VARCHAR);
            statement.setNull(first + 1, Types.BIGINT);
        }
    }

    /** After the commit: the directory of what was removed, moved aside when this host holds the domain's mail. */
    private Optional<Path> moveAsideHere(String mailboxHost, Path dir, String what) throws UserStoreException {
        if (!mailboxHost.toLowerCase(Locale.ROOT).equals(me.toLowerCase(Locale.ROOT))
                || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(MoveAside.move(dir));
        } catch (IOException e) {
            throw new UserStoreException(what + " is removed from the user database, but its directory " + dir
                    + " could not be moved aside (" + e.getMessage() + "); move or archive it by hand", e);
        }
    }
}
