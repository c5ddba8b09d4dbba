package org.godshell.toaster.dkim;

import java.util.HashMap;
import java.util.Map;

/**
 * The body hashes of one message, each computed once: the signatures of a message usually share their body
 * canonicalization and length (an RSA and an Ed25519 signature of the same signer), and hashing a large body
 * twice is the verifier's biggest cost.
 */
public final class BodyHashes {

    private record Key(Canonicalization canonicalization, long limit) {
    }

    private final Message message;
    private final Map<Key, BodyHash> hashes = new HashMap<>();

    public BodyHashes(Message message) {
        this.message = message;
    }

    BodyHash of(Canonicalization canonicalization, long limit) {
        return hashes.computeIfAbsent(new Key(canonicalization, limit),
                key -> BodyHash.of(message.bytes(), message.bodyStart(), canonicalization, limit));
    }
}
