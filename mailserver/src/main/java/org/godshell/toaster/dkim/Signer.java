package org.godshell.toaster.dkim;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

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
            parsed = Message.parse(message);
        } catch (DkimError e) {
            return new Signing.Refused("the header section is malformed: " + e.getMessage());
        }
        int from = parsed.named("from").size();
        if (from != 1) {
            return new Signing.Refused("the message has " + from + " From header fields; RFC 5322 §3.6 wants one");
        }
        List<String> names = SignedFields.choose(parsed);
        String bodyHash = Base64.getEncoder().encodeToString(
                BodyHash.of(parsed.bytes(), parsed.bodyStart(), Canonicalization.RELAXED, BodyHash.WHOLE).digest());
        long time = clock.instant().getEpochSecond();
        List<String> fields = new ArrayList<>();
        for (SigningKey key : keys) {
            try {
                fields.add(signature(parsed, names, bodyHash, time, key));
            } catch (GeneralSecurityException | DkimError e) {
                return new Signing.Refused("signing with selector " + key.selector() + " failed: " + e.getMessage());
            }
        }
        return new Signing.Signed(fields);
    }

    private String signature(Message message, List<String> names, String bodyHash, long time, SigningKey key)
            throws GeneralSecurityException, DkimError {
        Folded field = new Folded("DKIM-Signature")
                .add("v=1;", true)
                .add("a=" + key.algorithm().word() + ";", true)
                .add("c=relaxed/relaxed;", true)
                .add("d=" + domain + ";", true)
                .add("s=" + key.selector() + ";", true)
                .add("t=" + time + ";", true);
        for (int i = 0; i < names.size(); i++) {
            String name = (i == 0 ? "h=" : "") + names.get(i) + (i == names.size() - 1 ? ";" : ":");
            field.add(name, i == 0);
        }
        field.add("bh=" + bodyHash + ";", true).newLine().add("b=", true);
        String unsigned = field.text();
        HeaderField header = new HeaderField("DKIM-Signature", unsigned);
        TagList tags = TagList.parse(header.value(), SignatureTags.MAX_FIELD);
        byte[] input = HeaderHash.input(message.fields(), -1, names.stream().map(Text::lower).toList(),
                Canonicalization.RELAXED, header, tags);
        byte[] signature = key.algorithm().sign(key.key(), input);
        return field.addCut(Base64.getEncoder().encodeToString(signature)).text() + "\r\n";
    }
}
