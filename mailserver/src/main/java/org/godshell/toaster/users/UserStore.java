package org.godshell.toaster.users;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.godshell.toaster.auth.CramMd5Secret;
import org.godshell.toaster.auth.ScramCredentials;
import org.godshell.toaster.io.Handover;
import org.godshell.toaster.layout.Owners;

/**
 * The virtual domains and users under {@code PREFIX/domains/}. One store lives as long as the server: each
 * domain's {@code passwd} is read when first needed and read again whenever its size, time or inode changes,
 * so edits by {@code toaster user ...} (another process, another store) apply without a restart. Edits
 * ({@link #addDomain} and the others) go through {@link Edits}: atomic, serialized by {@code domains/.lock}.
 *
 * <p>Thread-safe: {@link #verify} may be called from any number of sessions at once.
 */
public final class UserStore {

    /** A passwd file is a line per user; anything this large is a mistake, not a domain. */
    static final long MAX_FILE = 64L * 1024 * 1024;
    /** An aliases file is a line per alias; 16 MB is far beyond any domain's and bounds what one read costs. */
    static final long MAX_ALIASES = 16L * 1024 * 1024;

    private final Path prefix;
    private final Path domains;
    private final PasswordHash.Crypt crypt;
    private final Rehash rehash;
    private final FileCache<PasswdFile> passwdCache = new FileCache<>(MAX_FILE, PasswdFile.empty());
    private final FileCache<AliasFile> aliasCache = new FileCache<>(MAX_ALIASES, AliasFile.empty());
    private volatile Handover handover;

    /** One domain's users as the CLI lists them: usable addresses and the file's problems ({@code file:line}). */
    public record Listing(List<String> users, List<String> problems) {
        public Listing {
            users = List.copyOf(users);
            problems = List.copyOf(problems);
        }
    }

    UserStore(Path prefix, PasswordHash.Crypt crypt, Consumer<String> log) {
        this.prefix = prefix.toAbsolutePath().normalize();
        this.domains = this.prefix.resolve("domains");
        this.crypt = Objects.requireNonNull(crypt, "crypt");
        this.rehash = new Rehash(this.prefix.resolve("control"), Objects.requireNonNull(log, "log"));
    }

    /**
     * The store of the installation at {@code prefix}; nothing is read until it is needed. What {@link #verify}
     * has to report (a password rehashed, or not) goes to stderr; daemons give their own log with
     * {@link #open(Path, Consumer)}.
     */
    public static UserStore open(Path prefix) {
        return open(prefix, line -> System.err.println(Instant.now() + " users: " + line));
    }

    /** The store of the installation at {@code prefix}, reporting to {@code log}. */
    public static UserStore open(Path prefix, Consumer<String> log) {
        return new UserStore(prefix, PasswordHash.CRYPT3, log);
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
        Optional<PasswdFile.Entry> entry = Optional.empty();
        try {
            Optional<Address> parsed = Address.parse(address);
            if (parsed.isPresent()) {
                entry = Optional.ofNullable(file(parsed.get().domain()).users().get(parsed.get().toString()));
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable file is "no such user" for a login; the CLI's list shows the admin why.
            entry = Optional.empty();
        }
        String stored = entry.map(PasswdFile.Entry::password).orElse(PasswordHash.DUMMY);
        boolean matches = PasswordHash.matches(crypt, stored, password);
        if (entry.isPresent() && matches) {
            rehash.afterLogin(this, entry.get().address(), stored, password);
        }
        return entry.isPresent() && matches;
    }

    /**
     * The SCRAM-SHA-256 credentials of {@code address} when its line is {@code {SCRAM-SHA-256}}; empty for an
     * unknown user, a user stored as SHA-crypt (whose SCRAM keys cannot be derived from the hash), bad input or
     * a file that cannot be read. Never throws; the caller runs the exchange with fake credentials when empty.
     */
    public Optional<ScramCredentials> scram(String address) {
        try {
            Optional<Address> parsed = Address.parse(address);
            if (parsed.isEmpty()) {
                return Optional.empty();
            }
            PasswdFile.Entry entry = file(parsed.get().domain()).users().get(parsed.get().toString());
            return entry == null ? Optional.empty() : PasswordHash.scram(entry.password());
        } catch (IOException | RuntimeException e) {
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
            Optional<Address> parsed = Address.parse(address);
            if (parsed.isEmpty()) {
                return Optional.empty();
            }
            PasswdFile.Entry entry = file(parsed.get().domain()).users().get(parsed.get().toString());
            return entry == null ? Optional.empty() : PasswordHash.cramMd5(entry.password());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The storage quota of user {@code address} in bytes ({@code userdb_quota_rule=*:storage=...}, as Dovecot
     * reads it), or empty when the user has none.
     *
     * @throws UserStoreException when the domain's passwd file cannot be read
     */
    public OptionalLong quota(String address) throws UserStoreException {
        Optional<Address> parsed = Address.parse(address);
        if (parsed.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            PasswdFile.Entry entry = file(parsed.get().domain()).users().get(parsed.get().toString());
            return entry == null ? OptionalLong.empty() : Quota.parse(entry.extra());
        } catch (IOException e) {
            throw new UserStoreException("cannot read the passwd file of " + parsed.get().domain() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Sets a user's quota ({@code 500M}, {@code 2G}, Dovecot's size syntax) or removes it ({@code ""}). */
    public void setQuota(String address, String size) throws UserStoreException {
        new Edits(this).setQuota(Address.require(address), size);
    }

    /** The domains, sorted: directories of {@code domains/} with a valid name (moved-aside ones start with a dot). */
    public List<String> domains() throws IOException {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(domains)) {
            return names;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(domains, Files::isDirectory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (Address.validDomain(name)) {
                    names.add(name);
                }
            }
        }
        names.sort(null);
        return names;
    }

    /** A domain's users in file order and the problems of its passwd file. */
    public Listing users(String domain) throws UserStoreException {
        String name = Address.requireDomain(domain);
        try {
            PasswdFile file = file(name);
            return new Listing(file.users().keySet().stream().toList(),
                    file.problems().stream().map(PasswdFile.Problem::toString).toList());
        } catch (IOException e) {
            throw new UserStoreException(passwd(name) + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Whether {@code address} is a user whose stored password field is exactly {@code passwordField}: how
     * {@code toaster import qmail} tells a user it made on an earlier run from one the admin made, which it must
     * leave alone. Compared in constant time; false for an unknown user.
     */
    public boolean storedPasswordIs(String address, String passwordField) throws UserStoreException {
        Address parsed = Address.require(address);
        try {
            PasswdFile.Entry entry = file(parsed.domain()).users().get(parsed.toString());
            return entry != null && MessageDigest.isEqual(
                    entry.password().getBytes(StandardCharsets.UTF_8),
                    passwordField.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UserStoreException(passwd(parsed.domain()) + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Creates {@code domains/DOMAIN/} with an empty passwd file and adds the domain to {@code control/rcpthosts}. */
    public void addDomain(String domain) throws UserStoreException {
        new Edits(this).addDomain(Address.requireDomain(domain));
    }

    /**
     * Takes the domain out of {@code control/rcpthosts} and moves its directory (mail included) aside to
     * {@code domains/.removed-DOMAIN-TIME}, which it returns. Refused while the domain has users unless forced.
     */
    public Path removeDomain(String domain, boolean force) throws UserStoreException {
        return new Edits(this).removeDomain(Address.requireDomain(domain), force);
    }

    /** Adds a user with a new SHA512-CRYPT hash of {@code password} and creates its {@code Maildir/}. */
    public void addUser(String address, char[] password) throws UserStoreException {
        addUser(address, password, PasswordScheme.SHA512_CRYPT);
    }

    /** Adds a user with a new hash of {@code password} in {@code scheme} and creates its {@code Maildir/}. */
    public void addUser(String address, char[] password, PasswordScheme scheme) throws UserStoreException {
        new Edits(this).addUser(Address.require(address), password, scheme);
    }

    /**
     * Adds a user whose password is already hashed ({@code {SHA512-CRYPT}$6$...} and the other fields the store
     * accepts, checked as a passwd line is), with a full name and a storage quota ({@code 500M}, {@code 1048576b},
     * or empty for none), and creates its {@code Maildir/}: for {@code toaster import qmail}, which carries the
     * old host's hashes so that users keep their passwords. Refused for an existing user, never overwritten.
     */
    public void addHashedUser(String address, String passwordField, String gecos, String quota)
            throws UserStoreException {
        new Edits(this).addHashedUser(Address.require(address), passwordField, gecos, quota);
    }

    /** Replaces a user's password hash with a new SHA512-CRYPT one. */
    public void setPassword(String address, char[] password) throws UserStoreException {
        setPassword(address, password, PasswordScheme.SHA512_CRYPT);
    }

    /** Replaces a user's password hash with a new one in {@code scheme}. */
    public void setPassword(String address, char[] password, PasswordScheme scheme) throws UserStoreException {
        new Edits(this).setPassword(Address.require(address), password, scheme);
    }

    /**
     * Removes a user's line and moves its directory aside to {@code domains/DOMAIN/.removed-USER-TIME}, returned
     * when there was a directory to move: the mail is kept for the admin to archive or delete.
     */
    public Optional<Path> removeUser(String address) throws UserStoreException {
        return new Edits(this).removeUser(Address.require(address));
    }

    /**
     * Where mail for {@code address} goes: a user's Maildir, an alias's or the catch-all's targets, nobody, or not
     * one of our domains; the order and the postmaster rule are in {@link Router}. Reads the domain's passwd and
     * aliases through the same cache as {@link #verify}.
     *
     * @throws UserStoreException when a file cannot be read or the alias line for the address is broken: the
     *                            caller defers (4.3.0) rather than bounce mail the admin meant to receive
     */
    public Route route(String address) throws UserStoreException {
        return new Router(this).route(address);
    }

    /** One domain's aliases as the CLI lists them: {@code name@domain} (or {@code *@domain}) to targets, and problems. */
    public record Aliases(Map<String, List<String>> aliases, List<String> problems) {
        public Aliases {
            aliases = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(aliases));
            problems = List.copyOf(problems);
        }
    }

    /**
     * A domain's aliases in file order and the problems of its aliases file, plus one for each alias that a user
     * of the same name hides (the user gets the mail).
     */
    public Aliases aliases(String domain) throws UserStoreException {
        String name = Address.requireDomain(domain);
        try {
            AliasFile file = aliasFile(name);
            PasswdFile passwd = file(name);
            Map<String, List<String>> aliases = new LinkedHashMap<>();
            List<String> problems = new ArrayList<>(file.problems().stream().map(PasswdFile.Problem::toString).toList());
            for (AliasFile.Alias alias : file.aliases().values()) {
                aliases.put(AliasFile.label(alias.name(), name), alias.targets());
                if (passwd.mailboxes().contains(alias.name() + "@" + name)) {
                    problems.add(aliasesPath(name) + ":" + alias.line() + ": " + alias.name() + "@" + name + " is also"
                            + " a user, who gets its mail: remove the alias or the user");
                }
            }
            return new Aliases(aliases, problems);
        } catch (IOException e) {
            throw new UserStoreException(aliasesPath(name) + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Adds targets to the alias {@code alias} ({@code name@domain}, or {@code *@domain} for the catch-all),
     * creating it; returns its targets afterwards. Refused for an unknown domain, a user's address, invalid
     * targets and targets that send the mail straight back.
     */
    public List<String> addAlias(String alias, List<String> targets) throws UserStoreException {
        return new AliasEdits(this).add(AliasEdits.Name.parse(alias), targets);
    }

    /** Removes the given targets, or the whole alias when none are given; returns the targets left. */
    public List<String> removeAlias(String alias, List<String> targets) throws UserStoreException {
        return new AliasEdits(this).remove(AliasEdits.Name.parse(alias), targets);
    }

    /**
     * How the store's edits hand what they create to the install's accounts ({@link Owners}): looked up at the
     * first edit, so that a store that only reads (a daemon's) never needs the install record.
     */
    Handover handover() throws IOException {
        Handover known = handover;
        if (known == null) {
            Owners owners = Owners.of(prefix);
            known = owners::handOver;
            handover = known;
        }
        return known;
    }

    Path prefix() {
        return prefix;
    }

    Path domainsDir() {
        return domains;
    }

    Path passwd(String domain) {
        return domains.resolve(domain).resolve("passwd");
    }

    /** The domain's parsed passwd file, from the cache while the file on disk has not changed. */
    PasswdFile file(String domain) throws IOException {
        Path path = passwd(domain);
        return passwdCache.get(path, bytes -> PasswdFile.parse(path, domain, bytes));
    }

    Path aliasesPath(String domain) {
        return domains.resolve(domain).resolve("aliases");
    }

    /** The domain's parsed aliases file, from the cache while the file on disk has not changed. */
    AliasFile aliasFile(String domain) throws IOException {
        Path path = aliasesPath(domain);
        return aliasCache.get(path, bytes -> AliasFile.parse(path, domain, bytes));
    }
}
