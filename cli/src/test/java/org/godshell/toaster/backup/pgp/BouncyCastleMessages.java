package org.godshell.toaster.backup.pgp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Date;
import org.bouncycastle.bcpg.AEADAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;

/**
 * Messages in the packet formats gpg 2.2 cannot write here: the OCB Encrypted Data packet (tag 20) that gpg 2.4
 * writes by default, and the old Symmetrically Encrypted Data packet without MDC (RFC 4880 §5.7) that we refuse.
 */
final class BouncyCastleMessages {

    enum Format { OCB_AS_GPG_24_WRITES, NO_MDC }

    private BouncyCastleMessages() {
    }

    static byte[] encrypt(Path publicKeyFile, byte[] data, Format format) throws IOException, PGPException {
        BcPGPDataEncryptorBuilder encryptor = new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                .setSecureRandom(new SecureRandom());
        switch (format) {
            case OCB_AS_GPG_24_WRITES -> encryptor.setWithAEAD(AEADAlgorithmTags.OCB, 10).setUseV5AEAD();
            case NO_MDC -> encryptor.setWithIntegrityPacket(false);
        }
        PGPEncryptedDataGenerator generator = new PGPEncryptedDataGenerator(encryptor);
        for (PGPPublicKey key : Recipients.of(KeyFile.read(publicKeyFile))) {
            generator.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(key));
        }
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        try (OutputStream encrypted = generator.open(message, new byte[1 << 12]);
                OutputStream literal = new PGPLiteralDataGenerator().open(encrypted, PGPLiteralData.BINARY, "",
                        new Date(), new byte[1 << 12])) {
            literal.write(data);
        }
        return message.toByteArray();
    }
}
