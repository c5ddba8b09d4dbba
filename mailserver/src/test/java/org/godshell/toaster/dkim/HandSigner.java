package org.godshell.toaster.dkim;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Signs with any tags a test needs, including the ones the toaster's signer never writes ({@code l=}, {@code x=},
 * {@code i=}, simple canonicalization, an h= without From): the tags are given as text, {@code bh=} and {@code b=}
 * are computed and appended.
 */
final class HandSigner {

    /** Keys made once for all the tests (an RSA key takes a moment to generate). */
    static final KeyPair RSA = KeyFiles.generate(Algorithm.RSA_SHA256);
    static final KeyPair ED25519 = KeyFiles.generate(Algorithm.ED25519_SHA256);

    private HandSigner() {
    }

    /** {@code message} with a DKIM-Signature of {@code tags} (everything but bh= and b=) on top. */
    static byte[] sign(byte[] message, String tags, PrivateKey key) throws Exception {
        TagList parsed = TagList.parse(tags, 10_000);
        String[] c = parsed.get("c").orElse("simple/simple").split("/");
        Canonicalization header = canonicalization(c[0]);
        Canonicalization body = c.length > 1 ? canonicalization(c[1]) : Canonicalization.SIMPLE;
        Message parsedMessage = Message.parse(message);
        long limit = parsed.get("l").map(Long::parseLong).orElse(BodyHash.WHOLE);
        String bh = Base64.getEncoder().encodeToString(
                BodyHash.of(message, parsedMessage.bodyStart(), body, limit).digest());
        String unsigned = "DKIM-Signature: " + tags + " bh=" + bh + ";\r\n b=";
        HeaderField field = new HeaderField("DKIM-Signature", unsigned);
        List<String> keys = Arrays.stream(parsed.get("h").orElseThrow().split(":"))
                .map(name -> Text.lower(name.strip())).toList();
        byte[] input = HeaderHash.input(parsedMessage.fields(), -1, keys, header, field,
                TagList.parse(field.value(), 10_000));
        String b = Base64.getEncoder().encodeToString(Algorithm.forKey(key).sign(key, input));
        return concat((unsigned + b + "\r\n").getBytes(StandardCharsets.US_ASCII), message);
    }

    /** The canonicalization a c= word names; relaxed for the unknown words the tests sign with on purpose. */
    private static Canonicalization canonicalization(String word) {
        return word.equals("simple") ? Canonicalization.SIMPLE : Canonicalization.RELAXED;
    }

    /** A TXT record's text as the strings of at most 255 octets DNS carries it in. */
    static String[] strings(String text) {
        List<String> strings = new java.util.ArrayList<>();
        for (int i = 0; i < text.length(); i += 255) {
            strings.add(text.substring(i, Math.min(text.length(), i + 255)));
        }
        return strings.toArray(String[]::new);
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    static byte[] prepend(String fields, byte[] message) {
        return concat(Rfc.crlf(fields), message);
    }
}
