package org.godshell.toaster.backup.pgp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPException;

/**
 * The decrypted bytes, checked at the end: the Modification Detection Code (RFC 4880 §5.14) is compared when the
 * literal data ends, and only then does a read return -1. AEAD packets check each chunk's tag as they go and the
 * final tag at the end. Bouncy Castle reports damage as IOException, PGPException or a RuntimeException from deep
 * in a decoder; all of them become one IOException saying the message is damaged, never silently wrong data.
 */
final class VerifyingInputStream extends InputStream {

    private final InputStream plaintext;
    private final PGPEncryptedData encrypted;
    private final InputStream decrypted;
    private final InputStream source;
    private boolean verified;

    /**
     * plaintext: the literal data; decrypted: the whole decrypted packet stream around it (what follows the literal
     * data, and for AEAD the final tag); source: the message as given, closed by close().
     */
    VerifyingInputStream(InputStream plaintext, PGPEncryptedData encrypted, InputStream decrypted,
            InputStream source) {
        this.plaintext = plaintext;
        this.encrypted = encrypted;
        this.decrypted = decrypted;
        this.source = source;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (verified) {
            return -1;
        }
        int n;
        try {
            n = plaintext.read(b, off, len);
        } catch (IOException | RuntimeException e) {
            throw damaged("it ends early or was changed", e);
        }
        if (n < 0) {
            verifyAtEnd();
        }
        return n;
    }

    private void verifyAtEnd() throws IOException {
        boolean intact;
        try {
            if (encrypted.isAEAD()) {
                // Reading to the end of the AEAD stream is what checks its final tag.
                decrypted.transferTo(OutputStream.nullOutputStream());
            }
            intact = encrypted.isAEAD() || encrypted.verify();
        } catch (IOException | PGPException | RuntimeException e) {
            throw damaged("its integrity check cannot be read", e);
        }
        if (!intact) {
            throw damaged("its integrity check (MDC) does not match: the message was changed or damaged", null);
        }
        verified = true;
    }

    private static IOException damaged(String why, Exception cause) {
        String detail = cause == null ? "" : " (" + cause.getMessage() + ")";
        return new IOException("OpenPGP message damaged: " + why + detail, cause);
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
