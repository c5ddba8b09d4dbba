package org.godshell.toaster.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.godshell.toaster.backup.Opener;
import picocli.CommandLine.Option;

/**
 * {@code --key SECRETKEY [--passphrase-file F]}: the OpenPGP secret key that opens encrypted archives, for
 * {@code backup --verify} and {@code restore}. The passphrase is read from a file (its first line), never from
 * the command line, where every user of the host could read it in the process list.
 */
final class SecretKeyOptions {

    private static final long MAX_PASSPHRASE_FILE = 4096;

    @Option(names = "--key", paramLabel = "SECRETKEY", description = "The OpenPGP secret key file (gpg --armor "
            + "--export-secret-keys) that opens encrypted archives.")
    private Path key;

    @Option(names = "--passphrase-file", paramLabel = "FILE", description = "A file whose first line is the "
            + "secret key's passphrase.")
    private Path passphraseFile;

    Opener opener() throws IOException {
        if (key == null) {
            if (passphraseFile != null) {
                throw new IOException("--passphrase-file needs --key");
            }
            return Opener.PLAIN;
        }
        return Opener.withKey(key, passphrase());
    }

    private char[] passphrase() throws IOException {
        if (passphraseFile == null) {
            return null;
        }
        if (Files.size(passphraseFile) > MAX_PASSPHRASE_FILE) {
            throw new IOException(passphraseFile + " is over 4 KiB: not a passphrase file");
        }
        String text = Files.readString(passphraseFile, StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return (line.endsWith("\r") ? line.substring(0, line.length() - 1) : line).toCharArray();
    }
}
