package org.godshell.toaster.users.sql;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.godshell.toaster.config.UserDb;
import org.godshell.toaster.users.Address;
import org.godshell.toaster.users.UserBackend;
import org.godshell.toaster.users.UserStore;
import org.godshell.toaster.users.UserStoreException;

/**
 * The users of several hosts in one PostgreSQL database ({@code control/userdb}
 * {@code postgresql://USER@HOST:PORT/DATABASE}): tables {@code domains}, {@code users} and {@code aliases}
 * (the migrations beside this package), which Dovecot's SQL queries read too. Every lookup asks the database;
 * every edit is one transaction that locks its domain's row first, so edits of one domain from any host run one
 * after the other and each sees the others' results. A domain's mail lives on its {@code mailbox_host} (the
 * {@code control/me} of the host that added it); only that host moves a removed user's directory aside.
 *
 * <p>Thread-safe. Opening connects and migrates; a database that is down or refuses the password is a
 * {@link UserStoreException} then, and later on any call, never an empty answer.
 */
public final class PostgresBackend implements UserBackend {

    private final Database database;
    private final String me;
    private final Path domains;
    private final UserEdits users;
    private final AliasChanges aliases;

    private PostgresBackend(Database database, String me, Path prefix) {
        this.database = database;
        this.me = me;
        this.domains = prefix.toAbsolutePath().normalize().resolve("domains");
        this.users = new UserEdits(database, me, domains);
        this.aliases = new AliasChanges(database);
    }

    /**
     * Connects to {@code db} with {@code password} (control/userdbpassword; empty for a server that needs none),
     * brings its tables up to date and returns the backend of the host named {@code me} (control/me), whose
     * installation is at {@code prefix}. {@code log} gets one line saying which database is used; never the
     * password.
     */
    public static PostgresBackend open(UserDb.Postgres db, Optional<String> password, String me, Path prefix,
            Consumer<String> log) throws UserStoreException {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(log, "log");
        if (me == null || me.isBlank()) {
            throw new IllegalArgumentException("me is this host's control/me");
        }
        Database database = Database.open(db, password);
        log.accept("users in the PostgreSQL database " + db.database() + " at " + Failure.at(db) + " as role "
                + db.user());
        return new PostgresBackend(database, me, prefix);
    }

    @Override
    public String describe() {
        return where();
    }

    @Override
    public Optional<DomainView> domain(String domain) throws UserStoreException {
        Optional<String> host = database.read("looking up the domain " + domain, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT mailbox_host FROM domains WHERE name = ?")) {
                select.setString(1, domain);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(row.getString(1)) : Optional.<String>empty();
                }
            }
        });
        return host.map(h -> new View(database, domain, isMe(h) ? Optional.empty() : Optional.of(h)));
    }

    @Override
    public List<String> domains() throws UserStoreException {
        return database.read("listing the domains", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT name FROM domains ORDER BY name COLLATE \"C\"");
                    ResultSet rows = select.executeQuery()) {
                List<String> names = new ArrayList<>();
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
                return names;
            }
        });
    }

    /** The users in the order they were added; a row the toaster cannot read as an address is a problem. */
    @Override
    public UserStore.Listing users(String domain) throws UserStoreException {
        return database.read("listing the users of " + domain, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT local FROM users WHERE domain = ? ORDER BY serial")) {
                select.setString(1, domain);
                List<String> users = new ArrayList<>();
                List<String> problems = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String local = rows.getString(1);
                        Optional<Address> address = Address.parse(local + "@" + domain);
                        if (address.isPresent() && address.get().local().equals(local)) {
                            users.add(address.get().toString());
                        } else {
                            problems.add(where() + ": the user \"" + Rows.printable(local) + "\" of " + domain
                                    + " is not a user name the toaster reads; fix or remove the row");
                        }
                    }
                }
                return new UserStore.Listing(users, problems);
            }
        });
    }

    /** The users whole in the order they were added; rows the toaster cannot read as an address are left out. */
    @Override
    public List<Account> accounts(String domain) throws UserStoreException {
        return database.read("reading the users of " + domain, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT local, password, gecos, quota,"
                    + " quota_bytes FROM users WHERE domain = ? ORDER BY serial")) {
                select.setString(1, domain);
                List<Account> accounts = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Optional<Address> address = Address.parse(rows.getString(1) + "@" + domain);
                        String quota = rows.getString(4);
                        long bytes = rows.getLong(5);
                        if (address.isPresent() && address.get().local().equals(rows.getString(1))) {
                            accounts.add(new Account(address.get(), rows.getString(2), rows.getString(3),
                                    quota == null ? Optional.empty() : Optional.of(new QuotaSize(quota, bytes)),
                                    ""));
                        }
                    }
                }
                return accounts;
            }
        });
    }

    /** The aliases by name (the catch-all where it sorts), with one problem for each that a user hides. */
    @Override
    public UserStore.Aliases aliases(String domain) throws UserStoreException {
        return database.read("listing the aliases of " + domain, connection -> {
            Map<String, List<String>> byName = new LinkedHashMap<>();
            Set<String> hidden = new HashSet<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT a.name, a.target, u.local IS NOT NULL"
                    + " FROM aliases a LEFT JOIN users u ON u.domain = a.domain AND u.local = a.name"
                    + " WHERE a.domain = ? ORDER BY a.name COLLATE \"C\", a.position, a.target")) {
                select.setString(1, domain);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        byName.computeIfAbsent(rows.getString(1), n -> new ArrayList<>()).add(rows.getString(2));
                        if (rows.getBoolean(3)) {
                            hidden.add(rows.getString(1));
                        }
                    }
                }
            }
            Map<String, List<String>> aliases = new LinkedHashMap<>();
            List<String> problems = new ArrayList<>();
            for (Map.Entry<String, List<String>> alias : byName.entrySet()) {
                String label = alias.getKey() + "@" + domain;
                Optional<String> problem = Rows.aliasProblem(alias.getValue());
                if (problem.isPresent()) {
                    problems.add(where() + ": the alias " + Rows.printable(label) + " cannot be used: "
                            + problem.get() + "; toaster alias remove " + Rows.printable(label) + " drops it");
                    continue;
                }
                aliases.put(label, alias.getValue());
                if (hidden.contains(alias.getKey())) {
                    problems.add(where() + ": the alias " + label + ": " + label + " is also a user, who gets its"
                            + " mail: remove the alias or the user");
                }
            }
            return new UserStore.Aliases(aliases, problems);
        });
    }

    @Override
    public void addDomain(String domain) throws UserStoreException {
        users.addDomain(domain);
    }

    @Override
    public Optional<Path> removeDomain(String domain, boolean force) throws UserStoreException {
        return users.removeDomain(domain, force);
    }

    @Override
    public void addUser(NewUser user) throws UserStoreException {
        users.addUser(user);
    }

    @Override
    public void setPassword(Address address, String password) throws UserStoreException {
        users.setPassword(address, password);
    }

    @Override
    public boolean replacePassword(Address address, String old, String fresh) throws UserStoreException {
        return users.replacePassword(address, old, fresh);
    }

    @Override
    public void setQuota(Address address, Optional<QuotaSize> quota) throws UserStoreException {
        users.setQuota(address, quota);
    }

    @Override
    public Optional<Path> removeUser(Address address) throws UserStoreException {
        return users.removeUser(address);
    }

    @Override
    public List<String> addAlias(String name, String domain, List<String> targets) throws UserStoreException {
        return aliases.add(name, domain, targets);
    }

    @Override
    public List<String> removeAlias(String name, String domain, List<String> targets) throws UserStoreException {
        return aliases.remove(name, domain, targets);
    }

    @Override
    public void close() {
        database.close();
    }

    private boolean isMe(String host) {
        return host.toLowerCase(Locale.ROOT).equals(me.toLowerCase(Locale.ROOT));
    }

    private String where() {
        return "the user database at " + Failure.at(database.where());
    }
}
