package org.godshell.toaster.dkim.keys;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.godshell.toaster.dkim.Algorithm;
import org.godshell.toaster.dkim.KeyFiles;
import org.godshell.toaster.io.AtomicFile;
import org.godshell.toaster.io.Handover;

/**
 * The edits of one domain's keys, each whole under a JVM-wide lock and {@code .dkim/.lock} (a {@link FileChannel}
 * lock, which serializes {@code toaster dkim} runs). Key files are written before the {@code selectors} file
 * names them and deleted after it stops naming them.
 */
final class KeyEdits {

    static final String DIRECTORY_MODE = "rwx------";
    static final String FILE_MODE = "rw-------";
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    private final Path dir;
    private final Handover handover;
    private final Clock clock;

    /** @param domainDir {@code domains/DOMAIN}, which exists */
    KeyEdits(Path domainDir, Handover handover, Clock clock) {
        this.dir = domainDir.resolve(StoreFiles.DIRECTORY);
        this.handover = handover;
        this.clock = clock;
    }

    @FunctionalInterface
    private interface Edit<T> {
        T run(SelectorsFile current) throws IOException, DkimKeysException;
    }

    List<Selector> keygen(String domain) throws DkimKeysException {
        return locked(domain, true, current -> {
            if (!current.selectors().isEmpty()) {
                throw new DkimKeysException(domain + " has DKIM keys already (toaster dkim show " + domain
                        + "); make new ones with: toaster dkim rotate " + domain);
            }
            List<Selector> made = pair(current, KeyState.ACTIVE);
            write(domain, made);
            return made;
        });
    }

    List<Selector> rotate(String domain) throws DkimKeysException {
        return locked(domain, false, current -> {
            if (!current.in(KeyState.PENDING).isEmpty()) {
                throw new DkimKeysException(domain + " has pending keys already (" + String.join(", ",
                        names(current.in(KeyState.PENDING))) + "): publish their records and run toaster dkim rotate --activate " + domain
                        + ", or remove them with toaster dkim remove " + domain + " SELECTOR...");
            }
            List<Selector> next = new ArrayList<>(current.selectors());
            List<Selector> made = pair(current, KeyState.PENDING);
            next.addAll(made);
            write(domain, next);
            return made;
        });
    }

    DkimKeys.Activation activate(String domain, Set<String> checked) throws DkimKeysException {
        return locked(domain, false, current -> {
            List<Selector> pending = current.in(KeyState.PENDING);
            if (pending.isEmpty()) {
                throw new DkimKeysException(domain + " has no pending keys; make them with: toaster dkim rotate "
                        + domain);
            }
            if (!new HashSet<>(names(pending)).equals(checked)) {
                throw new DkimKeysException("the pending keys of " + domain + " changed meanwhile (now "
                        + String.join(", ", names(pending)) + "); run the command again");
            }
            List<Selector> next = new ArrayList<>();
            List<Selector> retired = new ArrayList<>();
            for (Selector s : current.selectors()) {
                next.add(switch (s.state()) {
                    case PENDING -> s.in(KeyState.ACTIVE);
                    case ACTIVE -> {
                        retired.add(s.in(KeyState.RETIRED));
                        yield s.in(KeyState.RETIRED);
                    }
                    case RETIRED -> s;
                });
            }
            AtomicFile.write(dir.resolve(StoreFiles.SELECTORS), new SelectorsFile(next).text(domain), FILE_MODE,
                    handover);
            return new DkimKeys.Activation(pending.stream().map(s -> s.in(KeyState.ACTIVE)).toList(), retired);
        });
    }

    List<Selector> remove(String domain, List<String> names, boolean activeToo) throws DkimKeysException {
        return locked(domain, false, current -> {
            List<Selector> removed = new ArrayList<>();
            for (String name : names) {
                Selector s = current.find(name).orElseThrow(() -> new DkimKeysException("no selector "
                        + SelectorNames.printable(name) + " for " + domain + "; toaster dkim show " + domain
                        + " lists them"));
                if (s.state() == KeyState.ACTIVE && !activeToo) {
                    throw new DkimKeysException(s.name() + " is active: it signs the mail of " + domain + ". "
                            + "Removing it stops that signature; add --yes to remove it anyway");
                }
                if (!removed.contains(s)) {
                    removed.add(s);
                }
            }
            List<Selector> next = new ArrayList<>(current.selectors());
            next.removeAll(removed);
            AtomicFile.write(dir.resolve(StoreFiles.SELECTORS), new SelectorsFile(next).text(domain), FILE_MODE,
                    handover);
            for (Selector s : removed) {
                Files.deleteIfExists(dir.resolve(s.name() + StoreFiles.KEY_SUFFIX));
            }
            AtomicFile.syncDirectory(dir);
            return removed;
        });
    }

    /** A new RSA and Ed25519 key in {@code state}, named by today's date (UTC), their files written. */
    private List<Selector> pair(SelectorsFile current, KeyState state) throws IOException, DkimKeysException {
        Instant now = clock.instant();                          // one time for the pair: one rotation
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        int n = SelectorNames.freePair(today, name -> current.find(name).isPresent()
                || Files.exists(dir.resolve(name + StoreFiles.KEY_SUFFIX), LinkOption.NOFOLLOW_LINKS))
                .orElseThrow(() -> new DkimKeysException("already " + SelectorNames.MAX_PER_DAY + " key pairs made"
                        + " today; wait until tomorrow (UTC)"));
        List<Selector> made = new ArrayList<>();
        for (Algorithm algorithm : Algorithm.values()) {
            Selector s = new Selector(SelectorNames.name(today, n, algorithm), state, algorithm, now);
            KeyFiles.write(dir.resolve(s.name() + StoreFiles.KEY_SUFFIX), KeyFiles.generate(algorithm).getPrivate(),
                    handover);
            made.add(s);
        }
        return made;
    }

    private void write(String domain, List<Selector> selectors) throws IOException {
        AtomicFile.write(dir.resolve(StoreFiles.SELECTORS), new SelectorsFile(selectors).text(domain), FILE_MODE,
                handover);
    }

    private static List<String> names(List<Selector> selectors) {
        return selectors.stream().map(Selector::name).toList();
    }

    /**
     * Runs {@code edit} on the current selectors under the locks; {@code create} makes the key directory when it
     * is missing (a first keygen), else a missing one means the domain has no keys.
     */
    private <T> T locked(String domain, boolean create, Edit<T> edit) throws DkimKeysException {
        IN_PROCESS.lock();
        try {
            if (Files.isSymbolicLink(dir) || Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir)) {
                throw new DkimKeysException(dir + " is not a directory (a link or a file); move it away");
            }
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                if (!create) {
                    throw new DkimKeysException(domain + " has no DKIM keys; make them with: toaster dkim keygen "
                            + domain);
                }
                try {
                    AtomicFile.createDirectory(dir, DIRECTORY_MODE, handover);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // another toaster dkim made it just now; the lock below orders the two
                }
            }
            Path lock = dir.resolve(".lock");
            try (FileChannel channel = FileChannel.open(lock, Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE), AtomicFile.permissions(dir, FILE_MODE))) {
                handover.apply(lock, lock);
                channel.lock();                               // released when the channel closes, whatever happens
                SelectorsFile current = StoreFiles.selectors(dir.resolve(StoreFiles.SELECTORS));
                if (!create && current.selectors().isEmpty()) {
                    throw new DkimKeysException(domain + " has no DKIM keys; make them with: toaster dkim keygen "
                            + domain);
                }
                return edit.run(current);
            }
        } catch (IOException e) {
            throw new DkimKeysException("cannot change " + dir + ": " + e.getMessage(), e);
        } finally {
            IN_PROCESS.unlock();
        }
    }
}
