package org.godshell.toaster.dkim.keys;




import java.nio.file.Path;


import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.godshell.toaster.config.FileStamp;
import org.godshell.toaster.dkim.SigningKey;
import org.godshell.toaster.users.Address;
import org.godshell.toaster.users.UserStoreException;

/**
 * The keys each domain signs with, for the signing step, which asks once per message: a domain's files are read
 * when first asked for and again only when the {@code selectors} file or an active key file changes
 * ({@link FileStamp}: inode, size, time, owner or mode), so {@code toaster dkim rotate --activate} applies at the next message without a restart
 * and an unchanged domain costs a few {@code stat}s.
 *
 * <p>The toaster's reload rule ({@code config.Controls}): the first read of a domain is strict (a bad file is a
 * {@link DkimKeysException}); after a good read, a bad edit keeps the last good keys and is logged once, with
 * its {@code file:line}, until the files change again. Removing the {@code selectors} file (or the domain) is a
 * good edit: no keys, so no signature. Thread-safe.
 */
public final class DomainKeys {

    private final Path domains;
    private final Consumer<String> log;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final ReentrantLock reading = new ReentrantLock();

    /**
     * A domain's last read: the stamps of the files it read, the keys in use (null before a good read) and, when
     * there is no good read, why.
     */
    private record Entry(Map<Path, FileStamp> stamps, List<SigningKey> keys, DkimKeysException failure) {
    }

    /** @param log where a kept-back bad edit is reported */
    public DomainKeys(Path prefix, Consumer<String> log) {
        this.domains = prefix.toAbsolutePath().normalize().resolve("domains");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * The active keys of {@code domain}, in the order they sign (RSA first); empty when the domain has none, no
     * key directory, or is no domain name at all.
     *
     * @throws DkimKeysException when the domain's files are broken and were never read well since this started
     */
    public List<SigningKey> signingKeys(String domain) throws DkimKeysException {
        String name;
        try {
            name = Address.requireDomain(domain);
        } catch (UserStoreException e) {
            return List.of();
        }
        Path dir = domains.resolve(name).resolve(StoreFiles.DIRECTORY);
        Path file = dir.resolve(StoreFiles.SELECTORS);
        if (FileStamp.of(file).equals(FileStamp.ABSENT)) {
            entries.remove(name);
            return List.of();
        }
        Entry known = entries.get(name);
        if (known == null || changed(known)) {
            reading.lock();
            try {
                known = entries.get(name);
                if (known == null || changed(known)) {
                    known = read(name, dir, known);
                    entries.put(name, known);
                }
            } finally {
                reading.unlock();
            }
        }
        if (known.keys() == null) {
            throw known.failure();
        }
        return known.keys();
    }

    private Entry read(String domain, Path dir, Entry last) {
        Map<Path, FileStamp> stamps = new LinkedHashMap<>();
        try {
            Path file = dir.resolve(StoreFiles.SELECTORS);
            stamps.put(file, FileStamp.of(file));                  // taken before the read: a change meanwhile shows next time
            List<SigningKey> keys = new ArrayList<>();
            for (Selector selector : StoreFiles.selectors(file).in(KeyState.ACTIVE)) {
                Path key = dir.resolve(selector.name() + StoreFiles.KEY_SUFFIX);
                stamps.put(key, FileStamp.of(key));
                keys.add(new SigningKey(selector.name(), StoreFiles.key(dir, selector)));
            }
            return new Entry(stamps, List.copyOf(keys), null);
        } catch (DkimKeysException e) {
            if (last == null || last.keys() == null) {
                return new Entry(stamps, null, e);
            }
            log.accept("dkim: keeping the keys in use for " + domain + ": " + e.getMessage());
            return new Entry(stamps, last.keys(), null);
        }
    }

    private static boolean changed(Entry entry) {
        for (Map.Entry<Path, FileStamp> file : entry.stamps().entrySet()) {
            if (!FileStamp.of(file.getKey()).equals(file.getValue())) {
                return true;
            }
        }
        return false;
    }
}
