package org.godshell.toaster.users;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.godshell.toaster.auth.Authenticator;
import org.godshell.toaster.auth.CramMd5Secret;
import org.godshell.toaster.auth.ScramCredentials;

/**
 * The virtual domains, users and aliases of an installation, wherever they live ({@link UserBackend}: the passwd
 * files under {@code PREFIX/domains/}, or PostgreSQL as {@code control/userdb} says). The store does what does
 * not depend on the place: it checks names and passwords, hashes, applies the routing rules ({@link Router}) and
 * keeps logins' timing the same for every answer; the backend answers lookups and makes each edit whole.
 *
 * <p>One store lives as long as a daemon. {@code control/userdb} is read when the store is made; the backend is
 * opened at the first question, and again at the next one when opening failed (a database not yet up), so a
 * daemon starts whatever the database does and answers {@code 451} until it can ask.
 *
 * <p>Thread-safe: {@link #verify} may be called from any number of sessions at once.
 */
public final class UserStore implements AutoCloseable {

    private final Path prefix;
    private final PasswordHash.Crypt crypt;
    private final Rehash rehash;
    private final Backends.Opener opener;
    private final LoginCache cache;
    private volatile UserBackend backend;

    /** One domain's users as the CLI lists them: usable addresses and the file's problems ({@code file:line}). */
    public record Listing(List<String> users, List<String> problems) {
        public Listing {
            users = List.copyOf(users);
            problems = List.copyOf(problems);
        }
    }

    /** The store of {@code prefix} with its own crypt (tests count the crypts a login costs). */
    UserStore(Path prefix, PasswordHash.Crypt crypt, Consumer<String> log) {
        this(prefix, crypt, log, Backends.of(prefix.toAbsolutePath().normalize(), log));
    }

    UserStore(Path prefix, PasswordHash.Crypt crypt, Consumer<String> log, Backends.Opener opener) {
        this.prefix = prefix.toAbsolutePath().normalize();
        this.crypt = Objects.requireNonNull(crypt, "crypt");
        this.rehash = new Rehash(this.prefix.resolve("control"), Objects.requireNonNull(log, "log"));
        this.opener = Objects.requireNonNull(opener, "opener");
        this.cache = new LoginCache(opener.cache(), Clock.systemUTC(), log);
    }

    /**
     * The store of the installation at {@code prefix}, for a command; nothing is read until it is needed. What
     * {@link #verify} has to report (a password rehashed, or not) goes to stderr; which database is used is not
     * said (a command's output is its own). Daemons give their own log with {@link #open(Path, Consumer)}.
     */
    public static UserStore open(Path prefix) {
        Path absolute = prefix.toAbsolutePath().normalize();
        return new UserStore(absolute, PasswordHash.CRYPT3, line -> System.err.println(Instant.now() + " users: "
                + line), Backends.of(absolute, line -> { }));
    }

    /** The store of the installation at {@code prefix}, reporting to {@code log}. */
    public static UserStore open(Path prefix, Consumer<String> log) {
        Path absolute = prefix.toAbsolutePath().normalize();
        return new UserStore(absolute, PasswordHash.CRYPT3, log, Backends.of(absolute, log));
    }

    /**
     * Whether {@code address} ({@code user@domain}, case ignored) is a user of this store and {@code password}
     * is theirs. An unknown user or domain, a malformed passwd line, a file that cannot be read and any bad
     * input (null, control characters, huge strings) all answer false after the same work as a wrong password:
     * one SHA512-CRYPT against a fixed dummy hash, so neither the answer nor the time tells a client which
     * addresses exist. Never throws. (A {@code {SCRAM-SHA-256}} user costs a PBKDF2 of its iteration count
     * instead, a {@code {CRAM-MD5}} user two MD5 blocks: the time tells at most that the user is stored in that
     * scheme; a {@code {CRYPT}} or {@code {MD5-CRYPT}} user costs its own crypt on top of the dummy's.) The
     * password comes SASLprepped, as the SASL decoders give it.
     *
     * <p>A match of a hash weaker than the default is rewritten as {@code {SHA512-CRYPT}} before this returns
     * when {@code control/passwordrehash} says so ({@link Rehash}); that never changes the answer.
     *
     * <p>The caller owns {@code password} and must zero it ({@code Arrays.fill(password, '\0')}) when done; this
     * method neither keeps nor clears it.
     */
    public boolean verify(String address, char[] password) {
        return check(address, password) == Authenticator.Verdict.ACCEPTED;
    }

    /**
     * As {@link #verify}, telling a login that cannot be checked now ({@link Authenticator.Verdict#UNAVAILABLE}:
     * the database is down, a passwd file cannot be read) from a wrong one, after the same work.
     */
    public Authenticator.Verdict check(String address, char[] password) {
        Optional<UserBackend.Login> login = Optional.empty();
        boolean unavailable = false;
        try {
            login = login(address);
        } catch (UserStoreException e) {
            unavailable = true;
        } catch (RuntimeException e) {
            login = Optional.empty();
        }
        String stored = login.map(UserBackend.Login::password).orElse(PasswordHash.DUMMY);
        boolean matches = PasswordHash.matches(crypt, stored, password);
        if (login.isPresent() && matches) {
            rehash.afterLogin(this, login.get().address(), stored, password);
            return Authenticator.Verdict.ACCEPTED;
        }
        return unavailable ? Authenticator.Verdict.UNAVAILABLE : Authenticator.Verdict.REFUSED;
    }

    /** This store as the daemons' narrow view of it: {@link #verify} and {@link #check}. */
    public Authenticator authenticator() {
        return new Authenticator() {
            @Override
            public boolean verify(String address, char[] password) {
                return UserStore.this.verify(address, password);
            }

            @Override
            public Verdict check(String address, char[] password) {
                return UserStore.this.check(address, password);
            }
        };
    }

    /**
     * The SCRAM-SHA-256 credentials of {@code address} when its line is {@code {SCRAM-SHA-256}}; empty for an
     * unknown user, a user stored as SHA-crypt (whose SCRAM keys cannot be derived from the hash), bad input or
     * a file that cannot be read. Never throws; the caller runs the exchange with fake credentials when empty.
     */
    public Optional<ScramCredentials> scram(String address) {
        try {
            return login(address).flatMap(login -> PasswordHash.scram(login.password()));
        } catch (UserStoreException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The CRAM-MD5 secret of {@code address} when its line is {@code {CRAM-MD5}}; empty for an unknown user, a
     * user stored in another scheme, bad input or a file that cannot be read. Never throws; the caller checks
     * against a fake secret when empty.
     */
    public Optional<CramMd5Secret> cramMd5(String address) {
        try {
            return login(address).flatMap(login -> PasswordHash.cramMd5(login.password()));
        } catch (UserStoreException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The storage quota of user {@code address} in bytes ({@code userdb_quota_rule=*:storage=...}, as Dovecot
     * reads it), or empty when the user has none.
     *
     * @throws UserStoreException when the domain's users cannot be read
     */
    public OptionalLong quota(String address) throws UserStoreException {
        return login(address).map(UserBackend.Login::quota).orElse(OptionalLong.empty());
    }

    /** Sets a user's quota ({@code 500M}, {@code 2G}, Dovecot's size syntax) or removes it ({@code ""}). */
    public void setQuota(String address, String size) throws UserStoreException {
        Address user = Address.require(address);
        Optional<UserBackend.QuotaSize> quota = quotaSize(size, "write e.g. 500M, 2G or 1048576b (a bare number is"
                + " kilobytes, as in Dovecot), or none");
        backend().setQuota(user, quota);
    }

    /** The domains, sorted. */
    public List<String> domains() throws UserStoreException {
        return backend().domains();
    }

    /**
     * The domains of the installation at {@code prefix}, for a command that needs nothing else of the store;
     * an {@link IOException} when they cannot be read, with the store's message.
     */
    public static List<String> domainsOf(Path prefix) throws IOException {
        try (UserStore store = open(prefix)) {
            return store.domains();
        } catch (UserStoreException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** A domain's users in the order they were added and the problems of their data. */
    public Listing users(String domain) throws UserStoreException {
        return backend().users(Address.requireDomain(domain));
    }

    /**
     * Whether {@code address} is a user whose stored password field is exactly {@code passwordField}: how
     * {@code toaster import qmail} tells a user it made on an earlier run from one the admin made, which it must
     * leave alone. Compared in constant time; false for an unknown user.
     */
    public boolean storedPasswordIs(String address, String passwordField) throws UserStoreException {
        Address.require(address);
        Optional<UserBackend.Login> login = login(address);
        return login.isPresent() && MessageDigest.isEqual(login.get().password().getBytes(StandardCharsets.UTF_8),
                passwordField.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Adds a domain whose mail this host stores: with files, {@code domains/DOMAIN/} with an empty passwd file,
     * and the domain in {@code control/rcpthosts}.
     */
    public void addDomain(String domain) throws UserStoreException {
        backend().addDomain(Address.requireDomain(domain));
    }

    /**
     * Removes a domain (with files, first from {@code control/rcpthosts}), refused while it has users unless
     * forced; returns where its directory (mail included) was moved aside, {@code .removed-DOMAIN-TIME}, when
     * this host had one.
     */
    public Optional<Path> removeDomain(String domain, boolean force) throws UserStoreException {
        return backend().removeDomain(Address.requireDomain(domain), force);
    }

    /** Adds a user with a new SHA512-CRYPT hash of {@code password} and creates its {@code Maildir/}. */
    public void addUser(String address, char[] password) throws UserStoreException {
        addUser(address, password, PasswordScheme.SHA512_CRYPT);
    }

    /** Adds a user with a new hash of {@code password} in {@code scheme} and creates its {@code Maildir/}. */
    public void addUser(String address, char[] password, PasswordScheme scheme) throws UserStoreException {
        Address user = Address.require(address);
        backend().addUser(new UserBackend.NewUser(user, Passwords.hash(password, scheme), "", Optional.empty()));
    }

    /**
     * Adds a user whose password is already hashed ({@code {SHA512-CRYPT}$6$...} and the other fields the store
     * accepts, checked as a passwd line is), with a full name and a storage quota ({@code 500M}, {@code 1048576b},
     * or empty for none), and creates its {@code Maildir/}: for {@code toaster import qmail}, which carries the
     * old host's hashes so that users keep their passwords. Refused for an existing user, never overwritten.
     */
    public void addHashedUser(String address, String passwordField, String gecos, String quota)
            throws UserStoreException {
        Address user = Address.require(address);
        Optional<String> problem = passwordField == null ? Optional.of("no password field")
                : PasswordHash.problem(passwordField);
        if (problem.isPresent()) {
            throw new UserStoreException(user + ": " + problem.get());
        }
        if (gecos.length() > Passwords.MAX_GECOS || gecos.chars().anyMatch(c -> c == ':' || c < 0x20 || c == 0x7f)) {
            throw new UserStoreException(user + ": a full name is at most " + Passwords.MAX_GECOS + " characters,"
                    + " without a colon or a control character");
        }
        backend().addUser(new UserBackend.NewUser(user, passwordField, gecos,
                quotaSize(quota, "write e.g. 500M or 1048576b")));
    }

    /** Replaces a user's password hash with a new SHA512-CRYPT one. */
    public void setPassword(String address, char[] password) throws UserStoreException {
        setPassword(address, password, PasswordScheme.SHA512_CRYPT);
    }

    /** Replaces a user's password hash with a new one in {@code scheme}. */
    public void setPassword(String address, char[] password, PasswordScheme scheme) throws UserStoreException {
        Address user = Address.require(address);
        backend().setPassword(user, Passwords.hash(password, scheme));
    }

    /**
     * Removes a user and moves its directory aside to {@code domains/DOMAIN/.removed-USER-TIME}, returned when
     * this host had a directory to move: the mail is kept for the admin to archive or delete.
     */
    public Optional<Path> removeUser(String address) throws UserStoreException {
        return backend().removeUser(Address.require(address));
    }

    /**
     * Where mail for {@code address} goes: a user's Maildir, an alias's or the catch-all's targets, nobody, or not
     * one of our domains; the order and the postmaster rule are in {@link Router}.
     *
     * @throws UserStoreException when the users cannot be read or the alias line for the address is broken: the
     *                            caller defers (4.3.0) rather than bounce mail the admin meant to receive
     */
    public Route route(String address) throws UserStoreException {
        return new Router(backend(), prefix.resolve("domains")).route(address);
    }

    /** One domain's aliases as the CLI lists them: {@code name@domain} (or {@code *@domain}) to targets, and problems. */
    public record Aliases(Map<String, List<String>> aliases, List<String> problems) {
        public Aliases {
            aliases = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(aliases));
            problems = List.copyOf(problems);
        }
    }

    /**
     * A domain's aliases in order and the problems of their data, plus one for each alias that a user of the
     * same name hides (the user gets the mail).
     */
    public Aliases aliases(String domain) throws UserStoreException {
        return backend().aliases(Address.requireDomain(domain));
    }

    /**
     * Adds targets to the alias {@code alias} ({@code name@domain}, or {@code *@domain} for the catch-all),
     * creating it; returns its targets afterwards. Refused for an unknown domain, a user's address, invalid
     * targets and targets that send the mail straight back.
     */
    public List<String> addAlias(String alias, List<String> targets) throws UserStoreException {
        AliasEdits.Name name = AliasEdits.Name.parse(alias);
        List<String> parsed = AliasEdits.parseAll(name, targets).stream().map(Object::toString).toList();
        return backend().addAlias(name.name(), name.domain(), parsed);
    }

    /** Removes the given targets, or the whole alias when none are given; returns the targets left. */
    public List<String> removeAlias(String alias, List<String> targets) throws UserStoreException {
        AliasEdits.Name name = AliasEdits.Name.parse(alias);
        List<String> drop = new ArrayList<>();
        for (String text : targets) {
            drop.add(AliasTarget.parse(text).toString());
        }
        return backend().removeAlias(name.name(), name.domain(), drop);
    }

    /**
     * Whether {@code control/userdb} names a database (read when the store was made; nothing is asked of it): a
     * user's Maildir may then be missing on this host until its first mail or login, and is made then.
     */
    public boolean sharedDatabase() {
        return opener.shared();
    }

    /**
     * Whether the users are in this host's files, where {@code toaster domain add} also edits
     * {@code control/rcpthosts}; a shared database's domains are accepted by every host without it.
     */
    public boolean inFiles() throws UserStoreException {
        return backend() instanceof FileBackend;
    }

    /**
     * Whether {@code domain} is a domain of a shared user database, which every host of it accepts mail for
     * without {@code control/rcpthosts}; always false for files, whose domains rcpthosts lists.
     */
    public boolean sharedDomain(String domain) throws UserStoreException {
        UserBackend known = backend();
        if (known instanceof FileBackend) {
            return false;
        }
        String name = domain.toLowerCase(Locale.ROOT);
        return Address.validDomain(name) && known.domain(name).isPresent();
    }

    /**
     * The host whose Maildirs hold {@code domain}'s mail when it is another host of a shared user database; empty
     * when it is this host, the domain is not the store's, or the users are in files.
     */
    public Optional<String> mailboxHost(String domain) throws UserStoreException {
        String name = domain.toLowerCase(Locale.ROOT);
        return Address.validDomain(name) ? backend().domain(name).flatMap(UserBackend.DomainView::mailboxHost)
                : Optional.empty();
    }

    /** Where the users are, for messages: {@link UserBackend#describe}. */
    public String describe() throws UserStoreException {
        return backend().describe();
    }

    /** Lets go of the backend's connections; the store opens it again if asked afterwards. */
    @Override
    public void close() {
        UserBackend open = backend;
        backend = null;
        if (open != null) {
            open.close();
        }
    }

    /** The backend, opened at the first call and again after a failed opening. */
    UserBackend backend() throws UserStoreException {
        UserBackend known = backend;
        if (known == null) {
            synchronized (this) {
                known = backend;
                if (known == null) {
                    known = opener.open();
                    backend = known;
                }
            }
        }
        return known;
    }

    /**
     * The user {@code address} with a usable password; empty for bad input or nobody. While the backend cannot
     * be asked, what {@code control/userdbcache} lets {@link LoginCache} remember.
     */
    private Optional<UserBackend.Login> login(String address) throws UserStoreException {
        Optional<Address> parsed = Address.parse(address);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        String key = parsed.get().toString();
        try {
            Optional<UserBackend.DomainView> domain = backend().domain(parsed.get().domain());
            Optional<UserBackend.Login> login = domain.isEmpty() ? Optional.empty()
                    : domain.get().login(parsed.get().local());
            cache.answered(key, login);
            return login;
        } catch (UserStoreException e) {
            Optional<UserBackend.Login> remembered = cache.whileDown(key, e);
            if (remembered.isEmpty()) {
                throw e;
            }
            return remembered;
        }
    }

    /** {@code size} ({@code 500M}) as a quota; empty for none ({@code ""} or {@code 0}). */
    private static Optional<UserBackend.QuotaSize> quotaSize(String size, String fix) throws UserStoreException {
        if (size.isEmpty()) {
            return Optional.empty();
        }
        OptionalLong bytes = Quota.bytes(size);
        if (bytes.isEmpty()) {
            throw new UserStoreException("\"" + Address.printable(size) + "\" is not a size: " + fix);
        }
        return bytes.getAsLong() == 0 ? Optional.empty()
                : Optional.of(new UserBackend.QuotaSize(size, bytes.getAsLong()));
    }
}
