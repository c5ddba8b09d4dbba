package org.godshell.toaster.backup.pgp;

import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Date;
import java.util.List;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;

/**
 * The writing side: a binary OpenPGP message of partial-length packets (RFC 4880 §4.2.2.4), so nothing is
 * buffered beyond one packet whatever the size. Packets: one PKESK v3 per recipient (§5.1), a SEIPD v1 with its MDC
 * (§5.13) around AES-256, a binary literal data packet (§5.9). Not compressed: the archive is gzip'd already. Not
 * the v5/v6 AEAD packets: GnuPG 2.2 (Debian 12) cannot read those, and SEIPD v1 is what every gpg reads.
 */
final class EncryptingOutputStream extends OutputStream {

    private static final int PACKET_BUFFER = 1 << 16;

    private final PGPEncryptedDataGenerator encryption;
    private final PGPLiteralDataGenerator literal;
    private final OutputStream plaintext;
    private final OutputStream out;
    private boolean closed;

    private EncryptingOutputStream(PGPEncryptedDataGenerator encryption, PGPLiteralDataGenerator literal,
            OutputStream plaintext, OutputStream out) {
        this.encryption = encryption;
        this.literal = literal;
        this.plaintext = plaintext;
        this.out = out;
    }

    static EncryptingOutputStream open(List<PGPPublicKey> recipients, OutputStream out) throws IOException {
        PGPEncryptedDataGenerator encryption = new PGPEncryptedDataGenerator(
                new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                        .setWithIntegrityPacket(true)
                        .setSecureRandom(new SecureRandom()));
        for (PGPPublicKey recipient : recipients) {
            encryption.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(recipient));
        }
        try {
            OutputStream encrypted = encryption.open(out, new byte[PACKET_BUFFER]);
            PGPLiteralDataGenerator literal = new PGPLiteralDataGenerator();
            OutputStream plaintext = literal.open(encrypted, PGPLiteralData.BINARY, "", new Date(),
                    new byte[PACKET_BUFFER]);
            return new EncryptingOutputStream(encryption, literal, plaintext, out);
        } catch (PGPException e) {
            throw new IOException("cannot start the OpenPGP message: " + e.getMessage(), e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        plaintext.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        plaintext.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        plaintext.flush();
    }

    /** Ends the literal packet, then writes the MDC and ends the encrypted packet, then closes out. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (out) {
            literal.close();
            encryption.close();
        }
    }
}
