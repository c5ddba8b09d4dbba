package org.godshell.toaster.backup;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens an archive file for reading: a gzip'd tar as it is, anything else through the decryption when one is
 * given (an OpenPGP message), else refused with what to do.
 */
public interface Opener {

    /** The decryption of a stream that is not gzip; {@code null} when no key was given. */
    InputStream decrypt(InputStream in) throws IOException;

    /** No key: only unencrypted archives open. */
    Opener PLAIN = in -> null;

    /** The gzip'd tar inside {@code file}; the caller closes it. */
    default InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            in.mark(2);
            int first = in.read();
            int second = in.read();
            in.reset();
            if (first == 0x1f && second == 0x8b) {
                return in;
            }
            InputStream decrypted = decrypt(in);
            if (decrypted == null) {
                throw new CorruptArchiveException(file.getFileName() + " is not a gzip'd tar: not a toaster backup,"
                        + " or an encrypted one (give the secret key with --key)");
            }
            return decrypted;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }
}
