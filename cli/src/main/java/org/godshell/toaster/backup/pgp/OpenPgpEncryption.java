package org.godshell.toaster.backup.pgp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Encrypting backups to an OpenPGP public key file and decrypting them with the matching secret key file. */
public final class OpenPgpEncryption {

    private static final byte[] ARMOR_HEADER = "-----BEGIN PGP MESSAGE".getBytes(StandardCharsets.US_ASCII);

    private OpenPgpEncryption() {
    }

    /**
     * An OutputStream that encrypts everything written to it for the public key(s) in publicKeyFile (ASCII-armored
     * or binary, as {@code gpg --export} writes it; each key's valid encryption subkey is a recipient) and writes
     * the binary OpenPGP message to out; close() finishes the message and closes out. When the key file cannot
     * serve, out is closed too (it is the caller's to delete) and the IOException says why.
     */
    public static OutputStream encryptTo(Path publicKeyFile, OutputStream out) throws IOException {
        try {
            return EncryptingOutputStream.open(Recipients.of(KeyFile.read(publicKeyFile)), out);
        } catch (IOException | RuntimeException e) {
            closeAfter(e, out);
            throw e;
        }
    }

    /**
     * Decrypts an OpenPGP message with the secret key in secretKeyFile (as {@code gpg --export-secret-keys} writes
     * it; passphrase may be null for an unprotected key); reading to EOF checks integrity (MDC/AEAD): a tampered or
     * truncated message throws IOException naming what failed. close() closes in, and so does a failure here.
     * The bytes read before the end are not yet checked: commit nothing until the read reached EOF.
     */
    public static InputStream decrypt(Path secretKeyFile, char[] passphrase, InputStream in) throws IOException {
        try {
            return MessageReader.open(KeyFile.read(secretKeyFile), passphrase, in);
        } catch (IOException | RuntimeException e) {
            closeAfter(e, in);
            throw e;
        }
    }

    private static void closeAfter(Exception failure, AutoCloseable stream) {
        try {
            stream.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Whether the first bytes look like an OpenPGP message: a binary packet that begins one (public-key or
     * passphrase encrypted session key, or the marker packet: RFC 4880 §4.2, §5.1, §5.3, §5.8) or an ASCII armor
     * header (§6.2). A gzip archive starts with 0x1f, which is no packet tag, so the two are never confused.
     */
    public static boolean looksEncrypted(byte[] head) {
        if (head.length == 0) {
            return false;
        }
        int first = head[0] & 0xff;
        if ((first & 0x80) != 0) {
            int tag = (first & 0x40) != 0 ? first & 0x3f : (first >> 2) & 0x0f;
            return tag == 1 || tag == 3 || tag == 10;
        }
        int start = 0;
        while (start < head.length && Character.isWhitespace(head[start])) {
            start++;
        }
        if (head.length - start < ARMOR_HEADER.length) {
            return false;
        }
        for (int i = 0; i < ARMOR_HEADER.length; i++) {
            if (head[start + i] != ARMOR_HEADER[i]) {
                return false;
            }
        }
        return true;
    }
}
