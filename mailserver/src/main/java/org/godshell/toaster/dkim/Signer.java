package org.godshell.toaster.dkim;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Signs outgoing messages for one domain with one or more keys, typically an RSA and an Ed25519 key side by side
 * (RFC 8463 §5 recommends both until every verifier knows Ed25519). Every signature is {@code relaxed/relaxed},
 * has a {@code t=} from the clock and never an {@code l=} (RFC 6376 §8.2: it lets anyone append to the body),
 * and signs the fields {@link SignedFields} chooses.
 *
 * <p>Deterministic: RSA PKCS#1 v1.5 and Ed25519 signatures depend only on the key and the data, and the field
 * text only on the message, the keys and the second of the clock, so signing the same message at the same
 * second twice gives the same octets.
 *
 * <p>Thread-safe: it holds only its settings.
 */
public final class Signer {

    private final String domain;
    private final List<SigningKey> keys;
    private final Clock clock;

    /**
     * @param domain the {@code d=}: the domain of the From addresses it signs for, so DMARC aligns
     * @param keys   one signature each, in this order
     */
    public Signer(String domain, List<SigningKey> keys, Clock clock) {
        try {
            this.domain = Names.domain("d", domain);
        } catch (DkimError e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no signing key");
        }
        this.keys = List.copyOf(keys);
        this.clock = clock;
    }

    /** The signature fields for {@code message} (CRLF lines, as it will be sent), or why it cannot be signed. */
    public Signing sign(byte[] message) {
        Message parsed;
        try {
            parsed = Message.parseToSign(message);
        } catch (DkimError e) {
            return new Signing.Refused(e.getMessage());
        }
        List<String> names = SignedFields.choose(parsed);
        List<HeaderField> signed = SignatureField.selected(parsed, names);
        Optional<String> bodyHash = Optional.of(SignatureField.bodyHash(parsed));
        long time = clock.instant().getEpochSecond();
        List<String> fields = new ArrayList<>();
        for (SigningKey key : keys) {
            List<String> tags = List.of("v=1", "a=" + key.algorithm().word(), "c=relaxed/relaxed", "d=" + domain,
                    "s=" + key.selector(), "t=" + time);
            try {
                fields.add(SignatureField.sign("DKIM-Signature", tags, names, bodyHash, signed, key));
            } catch (GeneralSecurityException | DkimError e) {
                return new Signing.Refused("signing with selector " + key.selector() + " failed: " + e.getMessage());
            }
        }
        return new Signing.Signed(fields);
    }
}
