package org.godshell.toaster.backup.pgp;

import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPCertificate.OpenPGPComponentKey;

/** The keys a backup is encrypted to: one valid encryption key for each primary key of a public key file. */
final class Recipients {

    private Recipients() {
    }

    /**
     * For each primary key, its newest subkey (or the primary key itself) whose self-signature says it may encrypt
     * (RFC 4880 §5.2.3.21), checked with its binding signature, neither revoked nor expired today. A primary key
     * without one is refused rather than skipped: the admin named it, and would lose its copy without noticing.
     */
    static List<PGPPublicKey> of(KeyFile file) throws KeyFileException {
        if (!file.secretRings().isEmpty()) {
            throw new KeyFileException(file.path() + ": holds a secret key, where the public key is expected;"
                    + " give the public key (gpg --export KEYID), and keep the secret key away from the server");
        }
        List<PGPPublicKey> keys = new ArrayList<>();
        for (PGPPublicKeyRing ring : file.publicRings()) {
            keys.add(encryptionKey(file, ring));
        }
        return keys;
    }

    private static PGPPublicKey encryptionKey(KeyFile file, PGPPublicKeyRing ring) throws KeyFileException {
        String primary = PacketNames.keyId(ring.getPublicKey().getKeyID());
        List<OpenPGPComponentKey> usable;
        try {
            usable = new OpenPGPCertificate(ring).getEncryptionKeys();
        } catch (RuntimeException e) {
            throw new KeyFileException(file.path() + ": key " + primary + " cannot be checked: " + e.getMessage(), e);
        }
        return usable.stream()
                .map(OpenPGPComponentKey::getPGPPublicKey)
                .max((a, b) -> a.getCreationTime().compareTo(b.getCreationTime()))
                .orElseThrow(() -> new KeyFileException(file.path() + ": key " + primary
                        + " has no key that may encrypt (revoked, expired, or for signing only); add an"
                        + " encryption subkey (gpg --quick-add-key FINGERPRINT rsa3072 encr) and export it again"));
    }
}
