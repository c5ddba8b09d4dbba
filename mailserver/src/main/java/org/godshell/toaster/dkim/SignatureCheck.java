package org.godshell.toaster.dkim;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;

/**
 * The checks of one parsed signature, in the order of RFC 6376 §6.1: expiry, the key (§6.1.2), the body hash
 * and the header signature (§6.1.3); then what a passing signature leaves unsigned. {@link #run} checks a
 * DKIM-Signature or an ARC-Message-Signature in its message; {@link #overFields} an ARC-Seal, which signs
 * fields its caller chooses and no body (RFC 8617 §5.1.1).
 *
 * @param result      what the signature earns
 * @param bodyPartial {@code l=} signed less than the canonical body
 * @param testing     the key is in testing mode ({@code t=y})
 */
public record SignatureCheck(DkimResult result, String reason, boolean bodyPartial, boolean testing) {

    /**
     * @param index where the signature's field is in {@code message}, so it is never one of its own signed
     *              fields
     */
    public static SignatureCheck run(Message message, int index, SignatureTags tags, KeyLookup keys,
            BodyHashes bodies, Instant now) throws DkimError {
        KeyRecord key = key(tags, keys, now);
        BodyHash body = bodies.of(tags.bodyCanonicalization(), tags.length().orElse(BodyHash.WHOLE));
        if (tags.length().isPresent() && tags.length().getAsLong() > body.canonicalLength()) {
            throw DkimError.fail("the body is shorter (" + body.canonicalLength() + " octets) than the l="
                    + tags.length().getAsLong() + " signed: it was cut after signing");
        }
        if (!MessageDigest.isEqual(body.digest(), tags.bodyHash())) {
            throw DkimError.fail("body hash did not verify: the body changed after signing");
        }
        HeaderField field = message.fields().get(index);
        verify(key, tags, HeaderHash.input(message.fields(), index, tags.signedKeys(), tags.headerCanonicalization(),
                field, tags.tags()));
        boolean partial = tags.length().isPresent() && tags.length().getAsLong() < body.canonicalLength();
        long fromSigned = tags.signedKeys().stream().filter("from"::equals).count();
        int fromFields = message.named("from").size();
        if (fromFields > fromSigned) {
            return new SignatureCheck(DkimResult.POLICY, "verified, but the message has " + fromFields
                    + " From fields and the signature covers " + fromSigned + ": one was added (RFC 6376 §8.15)",
                    partial, key.testing());
        }
        if (partial) {
            return new SignatureCheck(DkimResult.POLICY, "verified, but l= signs " + tags.length().getAsLong()
                    + " of " + body.canonicalLength() + " body octets: the rest was added (RFC 6376 §8.2)",
                    true, key.testing());
        }
        return new SignatureCheck(DkimResult.PASS, "verified", false, key.testing());
    }

    /**
     * Checks a signature of header fields only: {@code signed} hashed in the order given, then the signature
     * field without its {@code b=} value; a pass or a {@link DkimError}.
     */
    public static SignatureCheck overFields(List<HeaderField> signed, HeaderField signature, SignatureTags tags,
            KeyLookup keys, Instant now) throws DkimError {
        KeyRecord key = key(tags, keys, now);
        verify(key, tags, HeaderHash.input(signed, tags.headerCanonicalization(), signature, tags.tags()));
        return new SignatureCheck(DkimResult.PASS, "verified", false, key.testing());
    }

    /** §6.1.1 expiry, then the key (§6.1.2), checked against the signature's algorithm and identity. */
    private static KeyRecord key(SignatureTags tags, KeyLookup keys, Instant now) throws DkimError {
        if (tags.expiry().isPresent() && now.getEpochSecond() > tags.expiry().getAsLong()) {
            throw DkimError.perm("signature expired at " + Instant.ofEpochSecond(tags.expiry().getAsLong())
                    + " (x=, RFC 6376 §3.5)");
        }
        KeyRecord key = keys.fetch(tags.selector(), tags.domain());
        if (key.type() != tags.algorithm()) {
            throw DkimError.perm("the key is k=" + key.type().keyType() + " but the signature a="
                    + tags.algorithm().word());
        }
        String identityDomain = tags.identity().substring(tags.identity().lastIndexOf('@') + 1);
        if (key.strict() && !Text.lower(identityDomain).equals(Text.lower(tags.domain()))) {
            throw DkimError.perm("the key has t=s, so i= must be in d=" + tags.domain() + " itself, not a subdomain");
        }
        return key;
    }

    private static void verify(KeyRecord key, SignatureTags tags, byte[] input) throws DkimError {
        try {
            if (!tags.algorithm().verify(key.key(), input, tags.signature())) {
                throw DkimError.fail("signature did not verify: a signed header field changed, or the wrong key");
            }
        } catch (InvalidKeyException e) {
            throw DkimError.perm("the key cannot verify: " + e.getMessage());
        }
    }
}
