package org.godshell.toaster.dkim.keys;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import org.godshell.toaster.dkim.KeyFiles;
import org.godshell.toaster.dkim.SigningKey;

/**
 * The files of one domain's key directory, read strictly: {@code selectors} and the {@code SELECTOR.pem} files it
 * names. Shared by the admin's edits ({@link DkimKeys}) and the signing side's cache ({@link DomainKeys}).
 */
final class StoreFiles {

    /** The directory in {@code domains/DOMAIN/}; a dot name, which no user's directory can have. */
    static final String DIRECTORY = ".dkim";
    static final String SELECTORS = "selectors";
    static final String KEY_SUFFIX = ".pem";

    private StoreFiles() {
    }

    /** The selectors file; a missing one lists no keys. */
    static SelectorsFile selectors(Path file) throws DkimKeysException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(regular(file))) {
            bytes = in.readNBytes(SelectorsFile.MAX_FILE + 1);
        } catch (NoSuchFileException e) {
            return new SelectorsFile(java.util.List.of());
        } catch (IOException e) {
            throw DkimKeysException.at(file, 0, "cannot be read: " + e.getMessage());
        }
        return SelectorsFile.parse(file, bytes);
    }

    /** The private key of {@code selector} in {@code dir}, which must be of the algorithm the file says. */
    static PrivateKey key(Path dir, Selector selector) throws DkimKeysException {
        Path file = dir.resolve(selector.name() + KEY_SUFFIX);
        PrivateKey key;
        try {
            key = KeyFiles.read(regular(file));
        } catch (NoSuchFileException e) {
            throw DkimKeysException.at(file, 0, "is missing, but " + dir.resolve(SELECTORS) + " lists selector "
                    + selector.name() + "; remove it (toaster dkim remove) and make new keys");
        } catch (IOException e) {
            throw new DkimKeysException(e.getMessage().startsWith(file.toString()) ? e.getMessage()
                    : file + ": " + e.getMessage(), e);
        }
        SigningKey checked;
        try {
            checked = new SigningKey(selector.name(), key);
        } catch (IllegalArgumentException e) {
            throw DkimKeysException.at(file, 0, e.getMessage());
        }
        if (checked.algorithm() != selector.algorithm()) {
            throw DkimKeysException.at(file, 0, "holds a key for " + checked.algorithm().word() + ", but "
                    + dir.resolve(SELECTORS) + " says " + selector.algorithm().word());
        }
        return key;
    }

    /**
     * {@code file} when it is a plain file (or missing, for the caller to notice): a link here could make the
     * toaster read, and an admin command write, a file outside the install.
     */
    static Path regular(Path file) throws IOException {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(file + " is not a plain file (a link or a directory); move it away");
        }
        return file;
    }
}
