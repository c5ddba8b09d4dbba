package org.godshell.toaster.backup.pgp;

import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPOnePassSignatureList;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignatureList;

/** What an object read from an OpenPGP stream is, in words for an error message. */
final class PacketNames {

    private PacketNames() {
    }

    static String of(Object object) {
        return switch (object) {
            case PGPPublicKeyRing ring -> "a public key";
            case PGPSecretKeyRing ring -> "a secret key";
            case PGPEncryptedDataList list -> "an encrypted message";
            case PGPCompressedData data -> "a compressed message";
            case PGPLiteralData data -> "an unencrypted message";
            case PGPSignatureList list -> "a signature";
            case PGPOnePassSignatureList list -> "a signed message";
            case PGPMarker marker -> "a marker packet";
            default -> "an OpenPGP packet of another kind";
        };
    }

    /** A key id as gpg prints it in its long form. */
    static String keyId(long id) {
        return String.format("%016X", id);
    }
}
