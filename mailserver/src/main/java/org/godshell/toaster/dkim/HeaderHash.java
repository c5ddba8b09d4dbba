package org.godshell.toaster.dkim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a DKIM signature signs (RFC 6376 §3.7, §5.4.2): the fields named in {@code h=}, each name taking the
 * bottom-most instance not yet taken, a name with no instance left adding nothing (which is how signing an
 * absent or one-more-than-present field forbids adding one), then the DKIM-Signature field itself with the
 * value of its {@code b=} tag deleted, without its final CRLF. An ARC-Seal signs fields chosen by their ARC
 * instance instead of by {@code h=} (RFC 8617 §5.1.1), so the selection and the hashing are apart.
 */
final class HeaderHash {

    private HeaderHash() {
    }

    /**
     * The octets to sign or verify for the fields {@code h=} names.
     *
     * @param fields    the message's fields, top to bottom
     * @param excluded  the index in {@code fields} of the signature being verified (never one of its own
     *                  signed fields), or -1 when signing
     * @param keys      the {@code h=} names in lower case
     * @param signature the DKIM-Signature field with its tags, {@code b=} included or empty
     * @param tags      its parsed tag-list, to find the {@code b=} value to delete
     */
    static byte[] input(List<HeaderField> fields, int excluded, List<String> keys, Canonicalization canonicalization,
            HeaderField signature, TagList tags) {
        return input(select(fields, excluded, keys), canonicalization, signature, tags);
    }

    /** The fields {@code keys} select, in the order of {@code keys}: for each, the bottom-most one left. */
    static List<HeaderField> select(List<HeaderField> fields, int excluded, List<String> keys) {
        Map<String, Deque<HeaderField>> byKey = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            if (i != excluded) {
                byKey.computeIfAbsent(fields.get(i).key(), key -> new ArrayDeque<>()).push(fields.get(i));
            }
        }
        List<HeaderField> selected = new ArrayList<>();
        for (String key : keys) {
            Deque<HeaderField> instances = byKey.get(key);
            if (instances != null && !instances.isEmpty()) {
                selected.add(instances.pop());
            }
        }
        return selected;
    }

    /** The octets to sign or verify: {@code signed} canonicalized in order, then the signature without b=. */
    static byte[] input(List<HeaderField> signed, Canonicalization canonicalization, HeaderField signature,
            TagList tags) {
        StringBuilder input = new StringBuilder();
        for (HeaderField field : signed) {
            input.append(canonicalization.header(field));
        }
        String hashed = canonicalization.header(withoutB(signature, tags));
        input.append(hashed, 0, hashed.length() - 2);
        return input.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * The field with the value of {@code b=} deleted, "including all surrounding whitespace" (§3.7): from just
     * after its {@code =} to its {@code ;} or the end of the field.
     */
    private static HeaderField withoutB(HeaderField signature, TagList tags) {
        TagList.Tag b = tags.find("b").orElseThrow(() -> new IllegalArgumentException("a signature without b="));
        int valueOffset = signature.raw().length() - signature.value().length();
        String raw = signature.raw().substring(0, valueOffset + b.start())
                + signature.raw().substring(valueOffset + b.end());
        return new HeaderField(signature.name(), raw);
    }
}
