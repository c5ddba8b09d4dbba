package org.godshell.toaster.users;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.io.AtomicFile;
import org.godshell.toaster.io.Handover;

/**
 * The store's edits, each one whole under the store lock: a JVM-wide lock (a {@link FileLock} cannot be taken
 * twice by one process) and {@code domains/.lock} with {@link FileChannel#lock}, which serializes
 * {@code toaster} runs against each other. Every passwd change is read-modify-write of the current file
 * under that lock, then an atomic replace, so no edit can undo another. What an edit creates is handed to the
 * install's accounts first ({@link FileBackend#handover}): root running {@code toaster user add} leaves the passwd
 * file and the Maildir the service's, as the installer made them.
 */
final class Edits {

    /** Not world-readable: the hashes are slow to crack, not impossible. */
    static final String PASSWD_MODE = "rw-r-----";
    static final String DOMAIN_MODE = "rwxr-x---";
    static final String MAILBOX_MODE = "rwx------";

    private static final ReentrantLock IN_PROCESS = new ReentrantLock();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final FileBackend store;

    Edits(FileBackend store) {
        this.store = store;
    }

    @FunctionalInterface
    interface Edit<T> {
        T run() throws IOException, UserStoreException;
    }

    /** Runs {@code edit} under the store lock; also used by {@link AliasEdits}. */
    <T> T locked(Edit<T> edit) throws UserStoreException {
        IN_PROCESS.lock();
        try {
            Handover handover = store.handover();
            if (!Files.isDirectory(store.domainsDir())) {
                Files.createDirectories(store.domainsDir());
                handover.apply(store.domainsDir(), store.domainsDir());
            }
            Path lock = store.domainsDir().resolve(".lock");
            try (FileChannel channel = FileChannel.open(lock, Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE), AtomicFile.permissions(lock.getParent(), "rw-------"))) {
                handover.apply(lock, lock);
                // Released when the channel closes, whatever the edit throws.
                channel.lock();
                return edit.run();
            }
        } catch (IOException e) {
            throw new UserStoreException("cannot change " + store.domainsDir() + ": " + e, e);
        } finally {
            IN_PROCESS.unlock();
        }
    }

    void addDomain(String domain) throws UserStoreException {
        locked(() -> {
            Path dir = store.domainsDir().resolve(domain);
            if (Files.exists(dir)) {
                throw new UserStoreException("domain " + domain + " exists already (" + dir + ")");
            }
            AtomicFile.createDirectory(dir, DOMAIN_MODE, store.handover());
            writePasswd(domain, "");
            Rcpthosts.add(store.prefix().resolve("control").resolve(ControlFiles.RCPTHOSTS.name()), domain, store.handover());
            return null;
        });
    }

    Path removeDomain(String domain, boolean force) throws UserStoreException {
        return locked(() -> {
            Path dir = existingDomain(domain);
            int users = store.file(domain).users().size();
            if (users > 0 && !force) {
                throw new UserStoreException("domain " + domain + " has " + users + " user(s); remove them first,"
                        + " or use --force to move the whole domain aside with their mail");
            }
            // rcpthosts first: once the domain is out of it, no new mail arrives for the directory being moved.
            Rcpthosts.remove(store.prefix().resolve("control").resolve(ControlFiles.RCPTHOSTS.name()), domain,
                    store.handover());
            return moveAside(dir);
        });
    }

    /** A new user's line (its full name and quota in it) and its {@code Maildir/}. */
    void addUser(UserBackend.NewUser user) throws UserStoreException {
        String extra = Quota.with("", user.quota().map(UserBackend.QuotaSize::text).orElse(""));
        create(user.address(), home -> PasswdFile.line(user.address(), user.password(), home, user.gecos(), extra));
    }

    /** The passwd line of a new user, given its home directory. */
    @FunctionalInterface
    private interface NewLine {
        String of(Path home) throws UserStoreException;
    }

    private void create(Address address, NewLine newLine) throws UserStoreException {
        locked(() -> {
            Path dir = existingDomain(address.domain());
            PasswdFile file = store.file(address.domain());
            if (file.users().containsKey(address.toString())) {
                throw new UserStoreException("user " + address + " exists already; toaster user passwd changes"
                        + " the password");
            }
            Path home = dir.resolve(address.local());
            Path maildir = home.resolve("Maildir");
            if (!Files.isDirectory(home)) {
                AtomicFile.createDirectory(home, MAILBOX_MODE, store.handover());
            }
            for (String sub : new String[] {"", "cur", "new", "tmp"}) {
                Path p = sub.isEmpty() ? maildir : maildir.resolve(sub);
                if (!Files.isDirectory(p)) {
                    AtomicFile.createDirectory(p, MAILBOX_MODE, store.handover());
                }
            }
            String line = newLine.of(home);
            writePasswd(address.domain(), file.with(address, Optional.of(line)));
            return null;
        });
    }

    void setPassword(Address address, String hash) throws UserStoreException {
        rewrite(address, entry -> new PasswdFile.Entry(address, hash, entry.line(), entry.extra()));
    }

    /**
     * Replaces the password field of {@code address}'s line by {@code fresh}, but only while it still is
     * {@code old}: a rehash at login ({@link Rehash}) must not undo a {@code toaster user passwd} that ran after
     * the login read the file. The rest of the line (gecos, home, extra fields) stays byte for byte. Whether it
     * replaced.
     */
    boolean replaceHash(Address address, String old, String fresh) throws UserStoreException {
        return locked(() -> {
            PasswdFile file = store.file(address.domain());
            PasswdFile.Entry entry = file.users().get(address.toString());
            if (entry == null || !entry.password().equals(old)) {
                return false;
            }
            String[] fields = file.lines().get(entry.line() - 1).split(":", 3);
            String line = fields[0] + ":" + fresh + ":" + fields[2];
            writePasswd(address.domain(), file.with(address, Optional.of(line)));
            return true;
        });
    }

    /** Sets ({@code size}, a valid size like {@code 500M}) or removes (empty) a quota, keeping the rest of the line. */
    void setQuota(Address address, String size) throws UserStoreException {
        rewrite(address, entry -> new PasswdFile.Entry(address, entry.password(), entry.line(),
                Quota.with(entry.extra(), size)));
    }

    /** Replaces an existing user's line by the toaster's form of {@code change(entry)}, under the store lock. */
    private void rewrite(Address address, UnaryOperator<PasswdFile.Entry> change) throws UserStoreException {
        locked(() -> {
            Path dir = existingDomain(address.domain());
            PasswdFile file = store.file(address.domain());
            PasswdFile.Entry entry = file.users().get(address.toString());
            if (entry == null) {
                throw new UserStoreException("no user " + address + "; toaster user add creates it");
            }
            PasswdFile.Entry changed = change.apply(entry);
            String line = PasswdFile.line(address, changed.password(), dir.resolve(address.local()), changed.extra());
            writePasswd(address.domain(), file.with(address, Optional.of(line)));
            return null;
        });
    }

    Optional<Path> removeUser(Address address) throws UserStoreException {
        return locked(() -> {
            Path dir = existingDomain(address.domain());
            PasswdFile file = store.file(address.domain());
            if (!file.users().containsKey(address.toString())) {
                throw new UserStoreException("no user " + address);
            }
            writePasswd(address.domain(), file.with(address, Optional.empty()));
            Path home = dir.resolve(address.local());
            return Files.isDirectory(home) ? Optional.of(moveAside(home)) : Optional.empty();
        });
    }

    /**
     * Replaces a domain's passwd file, dated at least a whole second after the file it replaces. Dovecot's
     * passwd-file driver reads a file again only when its size or its modification time in whole seconds changed
     * (db-passwd-file.c, {@code passwd_file_sync}): two edits of one second that leave the size alone (two new
     * passwords of the same scheme) would look like one, and Dovecot would keep the first until the next edit.
     * Each version dated later than the last makes every one a change Dovecot sees; a burst of edits (an import)
     * may leave the file dated as many seconds ahead as it made versions beyond one a second.
     */
    private void writePasswd(String domain, String content) throws IOException {
        Path passwd = store.passwd(domain);
        Handover handover = store.handover();
        AtomicFile.write(passwd, content, PASSWD_MODE, (created, target) -> {
            laterSecond(created, target);
            handover.apply(created, target);
        });
    }

    /** Dates {@code created} a whole second after {@code replaced} when its own time is not already past that. */
    private static void laterSecond(Path created, Path replaced) throws IOException {
        FileTime previous;
        try {
            previous = Files.getLastModifiedTime(replaced, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        long next = previous.to(TimeUnit.SECONDS) + 1;
        if (Files.getLastModifiedTime(created).to(TimeUnit.SECONDS) < next) {
            Files.setLastModifiedTime(created, FileTime.from(next, TimeUnit.SECONDS));
        }
    }

    Path existingDomain(String domain) throws UserStoreException {
        Path dir = store.domainsDir().resolve(domain);
        if (!Files.isDirectory(dir)) {
            throw new UserStoreException("no domain " + domain + "; toaster domain add " + domain + " creates it");
        }
        return dir;
    }

    /** Renames a directory to {@code .removed-NAME-TIME} beside it; the leading dot keeps it out of listings. */
    private static Path moveAside(Path dir) throws IOException {
        String base = ".removed-" + dir.getFileName() + "-" + STAMP.format(Instant.now());
        Path target = dir.resolveSibling(base);
        for (int n = 2; Files.exists(target); n++) {
            target = dir.resolveSibling(base + "-" + n);
        }
        Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
        AtomicFile.syncDirectory(dir.getParent());
        return target;
    }
}
