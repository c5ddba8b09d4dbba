package org.godshell.toaster.users;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where a {@link UserStore} keeps its domains, users and aliases: the passwd and aliases files under
 * {@code domains/} ({@link FileBackend}) or a PostgreSQL database shared by several hosts
 * ({@code org.godshell.toaster.users.sql}), chosen by {@code control/userdb}. The store does what does not depend
 * on the place (parsing names, hashing passwords, the routing rules of {@link Router}, the timing rules of
 * {@link UserStore#verify}); a backend answers lookups and makes each edit whole, checking what depends on the
 * data it holds (an existing user, an alias that would hide a user).
 *
 * <p>Inputs arrive checked: names lower-case and valid ({@link Address}), password fields in a scheme the store
 * accepts, quotas parsed, alias targets parsed and free of loops to the alias itself. Every failure is a
 * {@link UserStoreException} whose message says what to do; a backend that cannot reach its data says so by that
 * exception too, never by an empty answer, so that mail is deferred rather than refused.
 */
public interface UserBackend extends AutoCloseable {

    /** The most targets one alias may have; larger lists belong to list software. */
    int MAX_ALIAS_TARGETS = 1000;

    /** The name of the catch-all alias, {@code *@domain}. */
    String CATCH_ALL = "*";

    /**
     * One domain as one route or login reads it. A file view is a snapshot of the domain's two files; a database
     * view asks the database at each call.
     */
    interface DomainView {

        /** The host whose Maildirs hold the domain's mail; empty when it is this host. */
        Optional<String> mailboxHost();

        /** The user {@code local} (lower-case, valid) with a usable password; empty for nobody. */
        Optional<Login> login(String local) throws UserStoreException;

        /** Whether {@code local} (lower-case, valid) has a mailbox, usable password or not. */
        boolean hasMailbox(String local) throws UserStoreException;

        /** The domain's first user, who gets {@code postmaster}'s mail when nothing else does. */
        Optional<String> firstMailbox() throws UserStoreException;

        /** The alias {@code name} ({@link #CATCH_ALL} for the catch-all). */
        AliasLookup alias(String name) throws UserStoreException;
    }

    /** A user who can log in: its password field ({@code {SCHEME}...}) and its quota in bytes, if any. */
    record Login(Address address, String password, OptionalLong quota) {
        public Login {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(quota, "quota");
        }
    }

    /** What an alias name holds. */
    sealed interface AliasLookup {

        /** No alias of that name. */
        record None() implements AliasLookup {
        }

        /** The alias's targets, in order. */
        record Targets(List<String> targets) implements AliasLookup {
            public Targets {
                targets = List.copyOf(targets);
            }
        }

        /** The alias exists but cannot be used; {@code problem} says where and why, for the deferral's text. */
        record Broken(String problem) implements AliasLookup {
        }
    }

    /** A new user: a password field already hashed and checked, a full name, a quota (empty: none). */
    record NewUser(Address address, String password, String gecos, Optional<QuotaSize> quota) {
        public NewUser {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(gecos, "gecos");
            Objects.requireNonNull(quota, "quota");
        }
    }

    /**
     * A user whole, as {@code toaster users export|import} carries it between backends: what {@link NewUser}
     * holds, and the Dovecot extra fields of a passwd line other than the quota ({@code ""} elsewhere), which a
     * database does not keep.
     */
    record Account(Address address, String password, String gecos, Optional<QuotaSize> quota, String otherFields) {
        public Account {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(gecos, "gecos");
            Objects.requireNonNull(quota, "quota");
            Objects.requireNonNull(otherFields, "otherFields");
        }
    }

    /** A quota as the admin wrote it ({@code 500M}, Dovecot's syntax) and the bytes it means (more than 0). */
    record QuotaSize(String text, long bytes) {
        public QuotaSize {
            Objects.requireNonNull(text, "text");
            if (bytes <= 0) {
                throw new IllegalArgumentException("a quota is more than 0 bytes");
            }
        }
    }

    /** Where the users are, for the admin's messages: the passwd files' directory, or the database's URL. */
    String describe();

    /** The domain, or empty when it is not one of the store's. */
    Optional<DomainView> domain(String domain) throws UserStoreException;

    /** The domains, sorted. */
    List<String> domains() throws UserStoreException;

    /** A domain's users in the order they were added, and the problems the backend found in its data. */
    UserStore.Listing users(String domain) throws UserStoreException;

    /** A domain's usable users whole, in the order they were added. */
    List<Account> accounts(String domain) throws UserStoreException;

    /** A domain's aliases in order, with their problems (an alias a user hides, a broken line). */
    UserStore.Aliases aliases(String domain) throws UserStoreException;

    /** Adds a domain whose mailboxes this host stores. */
    void addDomain(String domain) throws UserStoreException;

    /**
     * Removes a domain, refused while it has users unless {@code force}; returns where its directory was moved
     * aside on this host, if it had one here.
     */
    Optional<Path> removeDomain(String domain, boolean force) throws UserStoreException;

    /** Adds a user; refused for an existing one or an unknown domain. */
    void addUser(NewUser user) throws UserStoreException;

    /** Replaces a user's password field by {@code password}. */
    void setPassword(Address address, String password) throws UserStoreException;

    /**
     * Replaces a user's password field by {@code fresh} only while it still is {@code old}, so that a rehash at
     * login never undoes a change made meanwhile; whether it replaced.
     */
    boolean replacePassword(Address address, String old, String fresh) throws UserStoreException;

    /** Sets or (empty) removes a user's quota. */
    void setQuota(Address address, Optional<QuotaSize> quota) throws UserStoreException;

    /** Removes a user; returns where its directory was moved aside on this host, if it had one here. */
    Optional<Path> removeUser(Address address) throws UserStoreException;

    /**
     * Adds {@code targets} (parsed {@code local@domain} texts) to the alias {@code name} of {@code domain},
     * creating it; returns its targets afterwards.
     */
    List<String> addAlias(String name, String domain, List<String> targets) throws UserStoreException;

    /** Removes the given targets, or the whole alias when none are given; returns the targets left. */
    List<String> removeAlias(String name, String domain, List<String> targets) throws UserStoreException;

    /** Lets go of what the backend holds open (a connection pool); the files backend holds nothing. */
    @Override
    void close();
}
