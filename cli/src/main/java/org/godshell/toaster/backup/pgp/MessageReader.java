package org.godshell.toaster.backup.pgp;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPOnePassSignatureList;
import org.bouncycastle.openpgp.PGPPBEEncryptedData;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;

/**
 * The reading side: finds the session key packet (RFC 4880 §5.1) for a key of the secret key file, decrypts, and
 * unwraps what gpg may put inside (compression §5.6, one-pass signatures §5.4, whose signatures are not checked:
 * the MDC is the integrity check) down to the literal data (§5.9).
 */
final class MessageReader {

    private MessageReader() {
    }

    static InputStream open(KeyFile keyFile, char[] passphrase, InputStream in) throws IOException {
        SecretKeys secretKeys = new SecretKeys(keyFile);
        try {
            InputStream decoded = PGPUtil.getDecoderStream(in);
            PGPEncryptedDataList list = encryptedDataList(new BcPGPObjectFactory(decoded));
            List<String> recipients = new ArrayList<>();
            for (PGPEncryptedData data : list) {
                switch (data) {
                    case PGPPublicKeyEncryptedData forKey -> {
                        Optional<PGPSecretKey> key = secretKeys.find(forKey.getKeyIdentifier());
                        if (key.isPresent()) {
                            return decrypt(forKey, secretKeys.unlock(key.get(), passphrase), in);
                        }
                        recipients.add(forKey.getKeyIdentifier().isWildcard() ? "a hidden recipient"
                                : PacketNames.keyId(forKey.getKeyIdentifier().getKeyId()));
                    }
                    case PGPPBEEncryptedData withPassphrase -> recipients.add("a passphrase (gpg --symmetric)");
                    default -> recipients.add("an unknown kind of recipient");
                }
            }
            throw new KeyFileException("the message is encrypted for " + String.join(", ", recipients)
                    + ", not for a key in " + keyFile.path() + " (" + secretKeys.ids() + ")");
        } catch (KeyFileException e) {
            throw e;
        } catch (IOException | PGPException | RuntimeException e) {
            throw new IOException("not a readable OpenPGP message: " + e.getMessage(), e);
        }
    }

    private static PGPEncryptedDataList encryptedDataList(BcPGPObjectFactory factory) throws IOException {
        Object first = factory.nextObject();
        while (first instanceof PGPMarker) {
            first = factory.nextObject();
        }
        return switch (first) {
            case PGPEncryptedDataList list -> list;
            case null -> throw new IOException("the input is empty");
            default -> throw new IOException("the input holds " + PacketNames.of(first) + ", not an encrypted one");
        };
    }

    private static InputStream decrypt(PGPPublicKeyEncryptedData data,
            PGPKeyPair key, InputStream source) throws IOException, PGPException {
        if (!data.isIntegrityProtected() && !data.isAEAD()) {
            throw new IOException("the message has no integrity protection (a Symmetrically Encrypted Data packet,"
                    + " RFC 4880 §5.7): refused, since a change to it could not be detected");
        }
        InputStream decrypted = data.getDataStream(new BcPublicKeyDataDecryptorFactory(key));
        BcPGPObjectFactory factory = new BcPGPObjectFactory(decrypted);
        for (Object object = factory.nextObject(); object != null; object = factory.nextObject()) {
            switch (object) {
                case PGPCompressedData compressed -> factory = new BcPGPObjectFactory(compressed.getDataStream());
                case PGPOnePassSignatureList signed -> {
                    // Signed with gpg -se: the signature comes after the data and is left unchecked.
                }
                case PGPLiteralData literal -> {
                    return new VerifyingInputStream(literal.getInputStream(), data, decrypted, source);
                }
                default -> throw new IOException("the encrypted part holds " + PacketNames.of(object)
                        + " where the data should be");
            }
        }
        throw new IOException("the encrypted part holds no data");
    }
}
