package org.godshell.toaster.dkim;

import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Writes and signs one signature header field: a DKIM-Signature, or one of the two ARC fields that are built
 * the same way (RFC 8617 §4.1.2 ARC-Message-Signature, §4.1.3 ARC-Seal). The tags come first as given, then
 * {@code h=} and {@code bh=} when there are any, then {@code b=} on a line of its own, folded at 78 columns
 * ({@link Folded}); the header fields are hashed with relaxed canonicalization, the only one the toaster writes.
 *
 * <p>Deterministic: RSA PKCS#1 v1.5 and Ed25519 signatures depend only on the key and the data, so the same
 * fields and tags give the same octets.
 */
public final class SignatureField {

    private SignatureField() {
    }

    /** {@code bh=}: the SHA-256 of the relaxed canonical body, all of it (never {@code l=}), in base64. */
    public static String bodyHash(Message message) {
        return Base64.getEncoder().encodeToString(
                BodyHash.of(message.bytes(), message.bodyStart(), Canonicalization.RELAXED, BodyHash.WHOLE).digest());
    }

    /** The fields of {@code message} that {@code names} (an {@code h=} list) signs, in the order they are hashed. */
    public static List<HeaderField> selected(Message message, List<String> names) {
        return HeaderHash.select(message.fields(), -1, names.stream().map(Text::lower).toList());
    }

    /**
     * The signed field, with its final CRLF.
     *
     * @param name     the field name
     * @param tags     the tags that open the field, each {@code name=value} without its {@code ;}
     * @param names    the {@code h=} list as written; empty for none (an ARC-Seal)
     * @param bodyHash {@code bh=}; empty for none (an ARC-Seal)
     * @param signed   the fields the signature covers, in the order they are hashed
     * @throws DkimError when the tags given do not make a tag-list (a bug of the caller's)
     */
    public static String sign(String name, List<String> tags, List<String> names, Optional<String> bodyHash,
            List<HeaderField> signed, SigningKey key) throws GeneralSecurityException, DkimError {
        Folded field = new Folded(name);
        for (String tag : tags) {
            field.add(tag + ";", true);
        }
        for (int i = 0; i < names.size(); i++) {
            field.add((i == 0 ? "h=" : "") + names.get(i) + (i == names.size() - 1 ? ";" : ":"), i == 0);
        }
        bodyHash.ifPresent(hash -> field.add("bh=" + hash + ";", true));
        field.newLine().add("b=", true);
        HeaderField unsigned = new HeaderField(name, field.text());
        TagList parsed = TagList.parse(unsigned.value(), SignatureTags.MAX_FIELD);
        byte[] input = HeaderHash.input(signed, Canonicalization.RELAXED, unsigned, parsed);
        byte[] signature = key.algorithm().sign(key.key(), input);
        return field.addCut(Base64.getEncoder().encodeToString(signature)).text() + "\r\n";
    }
}
