package org.godshell.toaster.backup.pgp;

import java.util.Optional;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.bcpg.SecretKeyPacket;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.operator.PBESecretKeyDecryptor;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;

/** The secret keys of one key file, found by key id and unlocked with the admin's passphrase. */
final class SecretKeys {

    private final KeyFile file;

    SecretKeys(KeyFile file) throws KeyFileException {
        if (file.secretRings().isEmpty()) {
            throw new KeyFileException(file.path() + ": holds only a public key, where the secret key is expected;"
                    + " export the secret key with gpg --export-secret-keys KEYID");
        }
        this.file = file;
    }

    /** The secret key with this id, or empty when the file has none (a wildcard id is never matched here). */
    Optional<PGPSecretKey> find(KeyIdentifier keyId) {
        if (keyId.isWildcard()) {
            return Optional.empty();
        }
        for (PGPSecretKeyRing ring : file.secretRings()) {
            PGPSecretKey key = ring.getSecretKey(keyId);
            if (key != null) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /** The ids of every key in the file, for "the message is for X, this file holds Y". */
    String ids() {
        StringBuilder ids = new StringBuilder();
        for (PGPSecretKeyRing ring : file.secretRings()) {
            ring.getSecretKeys().forEachRemaining(key -> ids.append(ids.isEmpty() ? "" : ", ")
                    .append(PacketNames.keyId(key.getKeyID())));
        }
        return ids.toString();
    }

    /** The key pair, since ECDH (RFC 6637 §8) needs the public key's fingerprint beside the private key. */
    PGPKeyPair unlock(PGPSecretKey key, char[] passphrase) throws KeyFileException {
        String id = PacketNames.keyId(key.getKeyID());
        if (key.isPrivateKeyEmpty()) {
            throw new KeyFileException(file.path() + ": key " + id + " is only a stub (its secret part is on a"
                    + " smartcard or was not exported); export the real secret key");
        }
        boolean protectedKey = key.getS2KUsage() != SecretKeyPacket.USAGE_NONE;
        if (protectedKey && (passphrase == null || passphrase.length == 0)) {
            throw new KeyFileException(file.path() + ": key " + id + " is protected by a passphrase; give it");
        }
        try {
            PBESecretKeyDecryptor decryptor = protectedKey
                    ? new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider()).build(passphrase)
                    : null;
            return new PGPKeyPair(key.getPublicKey(), key.extractPrivateKey(decryptor));
        } catch (PGPException | RuntimeException e) {
            throw new KeyFileException(file.path() + ": key " + id + " cannot be unlocked: "
                    + (protectedKey ? "wrong passphrase" : "the key is damaged") + " (" + e.getMessage() + ")", e);
        }
    }
}
