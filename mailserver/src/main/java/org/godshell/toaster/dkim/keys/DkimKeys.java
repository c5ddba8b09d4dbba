package org.godshell.toaster.dkim.keys;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.godshell.toaster.dkim.PublishedKey;
import org.godshell.toaster.io.Handover;
import org.godshell.toaster.users.Address;
import org.godshell.toaster.users.UserStoreException;

/**
 * The DKIM keys of an install's domains, as the admin's commands see them: {@code domains/DOMAIN/.dkim/}, a
 * {@code selectors} file and one {@code SELECTOR.pem} (PKCS#8, mode 0600) per key. Edits ({@link #keygen},
 * {@link #rotate}, {@link #activate}, {@link #remove}) run one at a time under {@code .dkim/.lock}; each writes
 * key files first and the {@code selectors} file last, atomically, which is the commit point: a crash leaves at
 * most a key file no line names, never a line without its key. What an edit creates is handed over
 * ({@link Handover}) before it appears, so root leaves it the service's, as the rest of {@code domains/}.
 */
public final class DkimKeys {

    private final Path domains;
    private final Handover handover;
    private final Clock clock;

    /**
     * @param prefix   the install
     * @param handover what a created file or directory is given to ({@code layout.Owners} in the CLI)
     * @param clock    the day in new selectors' names and their time of creation
     */
    public DkimKeys(Path prefix, Handover handover, Clock clock) {
        this.domains = prefix.toAbsolutePath().normalize().resolve("domains");
        this.handover = Objects.requireNonNull(handover, "handover");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A domain name checked and lowercased as the user store checks it, since it becomes a directory name. */
    public static String domain(String text) throws DkimKeysException {
        try {
            return Address.requireDomain(text);
        } catch (UserStoreException e) {
            throw new DkimKeysException(e.getMessage(), e);
        }
    }

    /** The domain's key directory. */
    public Path directory(String domain) throws DkimKeysException {
        return domains.resolve(domain(domain)).resolve(StoreFiles.DIRECTORY);
    }

    /** The domain's keys, in file order; none when it has no key directory. */
    public SelectorsFile selectors(String domain) throws DkimKeysException {
        Path dir = directory(domain);
        if (Files.isSymbolicLink(dir)) {
            throw new DkimKeysException(dir + " is a link; the key directory must be a directory of its own");
        }
        return StoreFiles.selectors(dir.resolve(StoreFiles.SELECTORS));
    }

    /** Whether the domain has at least one key listed. */
    public boolean has(String domain) throws DkimKeysException {
        return !selectors(domain).selectors().isEmpty();
    }

    /** The public key of one of the domain's selectors, read from its private key file. */
    public PublicKey publicKey(String domain, Selector selector) throws DkimKeysException {
        Path file = directory(domain).resolve(selector.name() + StoreFiles.KEY_SUFFIX);
        try {
            return PublishedKey.of(StoreFiles.key(directory(domain), selector));
        } catch (GeneralSecurityException e) {
            throw DkimKeysException.at(file, 0, e.getMessage());
        }
    }

    /** The TXT record's value of one of the domain's selectors ({@code v=DKIM1; k=...; p=...}). */
    public String record(String domain, Selector selector) throws DkimKeysException {
        return PublishedKey.txt(publicKey(domain, selector));
    }

    /**
     * An RSA 2048 and an Ed25519 key for a domain that has none, both active at once. Refused when the domain
     * lists keys already (rotation replaces them) or has no directory.
     */
    public List<Selector> keygen(String domain) throws DkimKeysException {
        return new KeyEdits(existing(domain), handover, clock).keygen(domain(domain));
    }

    /** A new pair, pending: published by the admin, signing only after {@link #activate}. */
    public List<Selector> rotate(String domain) throws DkimKeysException {
        return new KeyEdits(existing(domain), handover, clock).rotate(domain(domain));
    }

    /** What an activation changed: the keys that sign now, and those that stopped (still to be published). */
    public record Activation(List<Selector> signing, List<Selector> retired) {
        public Activation {
            signing = List.copyOf(signing);
            retired = List.copyOf(retired);
        }
    }

    /**
     * The pending keys sign, the active ones retire. {@code checked} names the pending selectors whose DNS
     * records the caller saw: if the pending keys are no longer those, nothing changes.
     */
    public Activation activate(String domain, Set<String> checked) throws DkimKeysException {
        return new KeyEdits(existing(domain), handover, clock).activate(domain(domain), checked);
    }

    /**
     * Removes selectors and their key files; an active one only with {@code activeToo} (signing with it stops).
     * All or nothing: one unknown name or refused active key changes nothing.
     */
    public List<Selector> remove(String domain, List<String> names, boolean activeToo) throws DkimKeysException {
        return new KeyEdits(existing(domain), handover, clock).remove(domain(domain), names, activeToo);
    }

    /** The domain's directory, which must exist: keys belong to a domain of the store. */
    private Path existing(String domain) throws DkimKeysException {
        String name = domain(domain);
        Path dir = domains.resolve(name);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new DkimKeysException("no domain " + name + "; toaster domain add " + name + " creates it");
        }
        return dir;
    }
}
