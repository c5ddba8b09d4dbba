package org.godshell.toaster.dkim.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.godshell.toaster.dkim.SigningKey;
import org.godshell.toaster.users.Address;
import org.godshell.toaster.users.UserStoreException;

/**
 * The keys each domain signs with, for the signing step, which asks once per message: a domain's files are read
 * when first asked for and again only when the {@code selectors} file or an active key file changes (inode, size
 * or modification time), so {@code toaster dkim rotate --activate} applies at the next message without a restart
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

    /** What a file looked like when it was read; any difference means read again. */
    private record Stamp(Object fileKey, FileTime modified, long size) {
        static final Stamp ABSENT = new Stamp(null, FileTime.fromMillis(0), -1);
    }

    /**
     * A domain's last read: the stamps of the files it read, the keys in use (null before a good read) and, when
     * there is no good read, why.
     */
    private record Entry(Map<Path, Stamp> stamps, List<SigningKey> keys, DkimKeysException failure) {
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
        if (stamp(file).equals(Stamp.ABSENT)) {
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
        Map<Path, Stamp> stamps = new LinkedHashMap<>();
        try {
            Path file = dir.resolve(StoreFiles.SELECTORS);
            stamps.put(file, stamp(file));                  // taken before the read: a change meanwhile shows next time
            List<SigningKey> keys = new ArrayList<>();
            for (Selector selector : StoreFiles.selectors(file).in(KeyState.ACTIVE)) {
                Path key = dir.resolve(selector.name() + StoreFiles.KEY_SUFFIX);
                stamps.put(key, stamp(key));
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
        for (Map.Entry<Path, Stamp> file : entry.stamps().entrySet()) {
            if (!stamp(file.getKey()).equals(file.getValue())) {
                return true;
            }
        }
        return false;
    }

    private static Stamp stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(a.fileKey(), a.lastModifiedTime(), a.size());
        } catch (NoSuchFileException e) {
            return Stamp.ABSENT;
        } catch (IOException | UnsupportedOperationException e) {
            return new Stamp(e.toString(), FileTime.fromMillis(0), -2);     // unreadable: read to say why
        }
    }
}
