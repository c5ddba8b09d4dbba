package org.godshell.toaster.users;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.io.Handover;
import org.godshell.toaster.layout.Owners;

/**
 * The users of one host in files: {@code domains/<domain>/passwd} (Dovecot's passwd-file format, so Dovecot
 * serves IMAP from the same files) and {@code domains/<domain>/aliases}. Each file is read when first needed and
 * again whenever its size, time or inode changes ({@link FileCache}), so edits by {@code toaster user ...}
 * (another process) apply without a restart. Edits go through {@link Edits} and {@link AliasEdits}: atomic,
 * serialized by {@code domains/.lock}.
 */
final class FileBackend implements UserBackend {

    /** A passwd file is a line per user; anything this large is a mistake, not a domain. */
    static final long MAX_FILE = 64L * 1024 * 1024;
    /** An aliases file is a line per alias; 16 MB is far beyond any domain's and bounds what one read costs. */
    static final long MAX_ALIASES = 16L * 1024 * 1024;

    private final Path prefix;
    private final Path domains;
    private final FileCache<PasswdFile> passwdCache = new FileCache<>(MAX_FILE, PasswdFile.empty());
    private final FileCache<AliasFile> aliasCache = new FileCache<>(MAX_ALIASES, AliasFile.empty());
    private volatile Handover handover;

    FileBackend(Path prefix) {
        this.prefix = prefix;
        this.domains = prefix.resolve("domains");
    }

    /** One domain's two files as read together: a route or a login sees one state of them. */
    private record View(PasswdFile passwd, AliasFile aliases, Path aliasesPath, String domain) implements DomainView {

        @Override
        public Optional<String> mailboxHost() {
            return Optional.empty();
        }

        @Override
        public Optional<Login> login(String local) {
            PasswdFile.Entry entry = passwd.users().get(local + "@" + domain);
            return entry == null ? Optional.empty()
                    : Optional.of(new Login(entry.address(), entry.password(), Quota.parse(entry.extra())));
        }

        @Override
        public boolean hasMailbox(String local) {
            return passwd.mailboxes().contains(local + "@" + domain);
        }

        @Override
        public Optional<String> firstMailbox() {
            return passwd.mailboxes().stream().findFirst();
        }

        @Override
        public AliasLookup alias(String name) {
            AliasFile.Alias alias = aliases.aliases().get(name);
            if (alias != null) {
                return new AliasLookup.Targets(alias.targets());
            }
            Integer broken = aliases.broken().get(name);
            return broken == null ? new AliasLookup.None() : new AliasLookup.Broken(aliasesPath + ":" + broken
                    + ": the line of " + AliasFile.label(name, domain) + " cannot be used (toaster alias list "
                    + domain + " says why)");
        }
    }

    @Override
    public String describe() {
        return "the passwd files under " + domains;
    }

    @Override
    public Optional<DomainView> domain(String domain) throws UserStoreException {
        Path dir = domains.resolve(domain);
        try {
            if (!Files.readAttributes(dir, BasicFileAttributes.class).isDirectory()) {
                return Optional.empty();
            }
            return Optional.of(new View(file(domain), aliasFile(domain), aliasesPath(domain), domain));
        } catch (NoSuchFileException e) {
            // Only a missing directory is "not ours"; any other error defers.
            return Optional.empty();
        } catch (IOException e) {
            throw new UserStoreException("the users of " + domain + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The directories of {@code domains/} with a valid name, sorted (moved-aside ones start with a dot). */
    @Override
    public List<String> domains() throws UserStoreException {
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
        } catch (IOException e) {
            throw new UserStoreException(domains + " cannot be read: " + e.getMessage(), e);
        }
        names.sort(null);
        return names;
    }

    @Override
    public UserStore.Listing users(String domain) throws UserStoreException {
        try {
            PasswdFile file = file(domain);
            return new UserStore.Listing(file.users().keySet().stream().toList(),
                    file.problems().stream().map(PasswdFile.Problem::toString).toList());
        } catch (IOException e) {
            throw new UserStoreException(passwd(domain) + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** The usable lines in file order: the full name is the fifth field, the quota and the rest the eighth. */
    @Override
    public List<Account> accounts(String domain) throws UserStoreException {
        try {
            PasswdFile file = file(domain);
            List<Account> accounts = new ArrayList<>();
            for (PasswdFile.Entry entry : file.users().values()) {
                String gecos = file.lines().get(entry.line() - 1).split(":", -1)[4];
                Optional<QuotaSize> quota = Quota.text(entry.extra())
                        .map(text -> new QuotaSize(text, Quota.bytes(text).orElseThrow()));
                accounts.add(new Account(entry.address(), entry.password(), gecos, quota,
                        Quota.with(entry.extra(), "")));
            }
            return accounts;
        } catch (IOException e) {
            throw new UserStoreException(passwd(domain) + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** The aliases in file order, the file's problems, and one for each alias that a user of that name hides. */
    @Override
    public UserStore.Aliases aliases(String domain) throws UserStoreException {
        try {
            AliasFile file = aliasFile(domain);
            PasswdFile passwd = file(domain);
            Map<String, List<String>> aliases = new LinkedHashMap<>();
            List<String> problems = new ArrayList<>(file.problems().stream().map(PasswdFile.Problem::toString)
                    .toList());
            for (AliasFile.Alias alias : file.aliases().values()) {
                aliases.put(AliasFile.label(alias.name(), domain), alias.targets());
                if (passwd.mailboxes().contains(alias.name() + "@" + domain)) {
                    problems.add(aliasesPath(domain) + ":" + alias.line() + ": " + alias.name() + "@" + domain
                            + " is also a user, who gets its mail: remove the alias or the user");
                }
            }
            return new UserStore.Aliases(aliases, problems);
        } catch (IOException e) {
            throw new UserStoreException(aliasesPath(domain) + ": cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public void addDomain(String domain) throws UserStoreException {
        new Edits(this).addDomain(domain);
    }

    @Override
    public Optional<Path> removeDomain(String domain, boolean force) throws UserStoreException {
        return Optional.of(new Edits(this).removeDomain(domain, force));
    }

    @Override
    public void addUser(NewUser user) throws UserStoreException {
        new Edits(this).addUser(user);
    }

    @Override
    public void setPassword(Address address, String password) throws UserStoreException {
        new Edits(this).setPassword(address, password);
    }

    @Override
    public boolean replacePassword(Address address, String old, String fresh) throws UserStoreException {
        return new Edits(this).replaceHash(address, old, fresh);
    }

    @Override
    public void setQuota(Address address, Optional<QuotaSize> quota) throws UserStoreException {
        new Edits(this).setQuota(address, quota.map(QuotaSize::text).orElse(""));
    }

    @Override
    public Optional<Path> removeUser(Address address) throws UserStoreException {
        return new Edits(this).removeUser(address);
    }

    @Override
    public List<String> addAlias(String name, String domain, List<String> targets) throws UserStoreException {
        return new AliasEdits(this).add(new AliasEdits.Name(name, domain), targets);
    }

    @Override
    public List<String> removeAlias(String name, String domain, List<String> targets) throws UserStoreException {
        return new AliasEdits(this).remove(new AliasEdits.Name(name, domain), targets);
    }

    @Override
    public void close() {
        // Files are opened and closed at each read; nothing is held between calls.
    }

    /**
     * How edits hand what they create to the install's accounts ({@link Owners}): looked up at the first edit,
     * so that a store that only reads (a daemon's) never needs the install record.
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
