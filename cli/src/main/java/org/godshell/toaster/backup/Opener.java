package org.godshell.toaster.backup;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.godshell.toaster.backup.pgp.OpenPgpEncryption;

/**
 * Opens an archive file for reading: a gzip'd tar as it is, an OpenPGP message through the decryption when a
 * secret key was given, anything else refused with what to do. The decrypted stream checks the message's
 * integrity at its end, which {@link ArchiveReader} always reaches before anything is trusted.
 */
public interface Opener {

    /** The decryption of an OpenPGP message; {@code null} when no key was given. */
    InputStream decrypt(InputStream in) throws IOException;

    /** No key: only unencrypted archives open. */
    Opener PLAIN = in -> null;

    /** With the secret key in {@code secretKeyFile} ({@code passphrase} null for an unprotected key). */
    static Opener withKey(Path secretKeyFile, char[] passphrase) {
        return in -> OpenPgpEncryption.decrypt(secretKeyFile, passphrase, in);
    }

    /** The gzip'd tar inside {@code file}; the caller closes it. */
    default InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            in.mark(64);
            byte[] head = in.readNBytes(64);
            in.reset();
            if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
                return in;
            }
            if (!OpenPgpEncryption.looksEncrypted(head)) {
                throw new CorruptArchiveException(file.getFileName() + " is neither a gzip'd tar nor an OpenPGP "
                        + "message: not a toaster backup");
            }
            InputStream decrypted = decrypt(in);
            if (decrypted == null) {
                throw new CorruptArchiveException(file.getFileName() + " is encrypted: give the secret key with "
                        + "--key (and --passphrase-file if it has one)");
            }
            return decrypted;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }
}
