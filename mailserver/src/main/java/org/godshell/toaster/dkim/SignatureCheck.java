package org.godshell.toaster.dkim;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.time.Instant;

/**
 * The checks of one parsed signature, in the order of RFC 6376 §6.1: expiry, the key (§6.1.2), the body hash
 * and the header signature (§6.1.3); then what a passing signature leaves unsigned.
 *
 * @param result      what the signature earns
 * @param bodyPartial {@code l=} signed less than the canonical body
 * @param testing     the key is in testing mode ({@code t=y})
 */
record SignatureCheck(DkimResult result, String reason, boolean bodyPartial, boolean testing) {

    /**
     * @param index where the signature's field is in {@code message}, so it is never one of its own signed
     *              fields
     */
    static SignatureCheck run(Message message, int index, SignatureTags tags, KeyLookup keys, BodyHashes bodies,
            Instant now) throws DkimError {
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
        BodyHash body = bodies.of(tags.bodyCanonicalization(), tags.length().orElse(BodyHash.WHOLE));
        if (tags.length().isPresent() && tags.length().getAsLong() > body.canonicalLength()) {
            throw DkimError.fail("the body is shorter (" + body.canonicalLength() + " octets) than the l="
                    + tags.length().getAsLong() + " signed: it was cut after signing");
        }
        if (!MessageDigest.isEqual(body.digest(), tags.bodyHash())) {
            throw DkimError.fail("body hash did not verify: the body changed after signing");
        }
        HeaderField field = message.fields().get(index);
        byte[] input = HeaderHash.input(message.fields(), index, tags.signedKeys(), tags.headerCanonicalization(),
                field, tags.tags());
        try {
            if (!tags.algorithm().verify(key.key(), input, tags.signature())) {
                throw DkimError.fail("signature did not verify: a signed header field changed, or the wrong key");
            }
        } catch (InvalidKeyException e) {
            throw DkimError.perm("the key cannot verify: " + e.getMessage());
        }
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
}
