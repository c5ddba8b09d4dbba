package org.godshell.toaster.dane;

import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.Optional;

/**
 * A DANE-TA key published whole ({@code 2 1 0}, RFC 7671 §5.2.2: a trust anchor may be given by its key alone,
 * when the server's chain does not carry its certificate): the SubjectPublicKeyInfo decoded as whichever key type
 * reads it.
 */
final class TrustAnchorKeys {

    private static final List<String> ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");

    private TrustAnchorKeys() {
    }

    static Optional<PublicKey> decode(byte[] spki) {
        for (String algorithm : ALGORITHMS) {
            try {
                return Optional.of(KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(spki)));
            } catch (InvalidKeySpecException | NoSuchAlgorithmException | IllegalArgumentException e) {
                // not this type: try the next
            }
        }
        return Optional.empty();
    }
}
