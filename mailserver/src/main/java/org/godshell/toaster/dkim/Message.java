package org.godshell.toaster.dkim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A message split into its header fields and its body (RFC 5322 §2.1), as the signer and the verifier read it.
 * Lines end with CRLF only: a bare CR or LF in the header section is refused, because two readers that split
 * such a line differently would see different header fields (the folding tricks of RFC 6376 §8.15); in the body
 * they are ordinary octets, as §3.4 reads lines. Bounded: at most {@link #MAX_HEADER_OCTETS} of header section
 * and {@link #MAX_FIELDS} fields, so a hostile header cannot make every signature's selection quadratic.
 *
 * @param bytes     the whole message, not copied: callers must not change it
 * @param fields    top to bottom
 * @param bodyStart the offset of the first body octet (after the empty line), or the length when there is none
 */
public record Message(byte[] bytes, List<HeaderField> fields, int bodyStart) {

    static final int MAX_HEADER_OCTETS = 1024 * 1024;
    static final int MAX_FIELDS = 2000;

    public Message {
        fields = List.copyOf(fields);
    }

    public static Message parse(byte[] bytes) throws DkimError {
        List<HeaderField> fields = new ArrayList<>();
        int fieldStart = -1;
        int i = 0;
        while (i < bytes.length) {
            int end = lineEnd(bytes, i);
            if (end == i) { // the empty line: the body follows
                close(bytes, fieldStart, i, fields);
                return new Message(bytes, fields, i + 2);
            }
            if (bytes[i] == ' ' || bytes[i] == '\t') {
                if (fieldStart < 0) {
                    throw DkimError.perm("the header section starts with a continuation line");
                }
            } else {
                close(bytes, fieldStart, i, fields);
                fieldStart = i;
            }
            i = end == bytes.length ? end : end + 2;
        }
        close(bytes, fieldStart, bytes.length, fields);
        return new Message(bytes, fields, bytes.length);
    }

    /**
     * Parses a message a signer may sign: a readable header section with exactly one From, which DMARC judges
     * (RFC 5322 §3.6 allows one; a signature over one of two would vouch for the other too).
     */
    public static Message parseToSign(byte[] bytes) throws DkimError {
        Message parsed;
        try {
            parsed = parse(bytes);
        } catch (DkimError e) {
            throw DkimError.perm("the header section is malformed: " + e.getMessage());
        }
        int from = parsed.named("from").size();
        if (from != 1) {
            throw DkimError.perm("the message has " + from + " From header fields; RFC 5322 §3.6 wants one");
        }
        return parsed;
    }

    /** The header fields named {@code key} (lower case), top to bottom. */
    public List<HeaderField> named(String key) {
        return fields.stream().filter(field -> field.key().equals(key)).toList();
    }

    /** Where the line starting at {@code start} ends: its CR of CRLF, or the end of the message. */
    private static int lineEnd(byte[] bytes, int start) throws DkimError {
        for (int i = start; i < bytes.length; i++) {
            if (i > MAX_HEADER_OCTETS) {
                throw DkimError.perm("header section over " + MAX_HEADER_OCTETS + " octets");
            }
            if (bytes[i] == '\n') {
                throw DkimError.perm("a bare LF in the header section at offset " + i);
            }
            if (bytes[i] == '\r') {
                if (i + 1 < bytes.length && bytes[i + 1] == '\n') {
                    return i;
                }
                throw DkimError.perm("a bare CR in the header section at offset " + i);
            }
        }
        return bytes.length;
    }

    /** Ends the field that started at {@code start} (if any) before the line at {@code end}. */
    private static void close(byte[] bytes, int start, int end, List<HeaderField> fields) throws DkimError {
        if (start < 0) {
            return;
        }
        if (fields.size() == MAX_FIELDS) {
            throw DkimError.perm("more than " + MAX_FIELDS + " header fields");
        }
        int stop = end >= 2 && bytes[end - 2] == '\r' && bytes[end - 1] == '\n' ? end - 2 : end;
        String raw = new String(bytes, start, stop - start, StandardCharsets.ISO_8859_1);
        fields.add(new HeaderField(name(raw), raw));
    }

    /**
     * The name before the colon: printable ASCII but the colon (RFC 5322 §3.6.8 ftext), optionally followed by
     * whitespace (§4.5.3, obsolete syntax) and never by a fold, which would make a name two readers split apart.
     */
    private static String name(String raw) throws DkimError {
        int colon = raw.indexOf(':');
        int end = colon;
        while (end > 0 && Text.wsp(raw.charAt(end - 1))) {
            end--;
        }
        if (colon < 0 || end == 0) {
            throw DkimError.perm("a header line without a field name and colon: \"" + Text.printable(raw, 40) + "\"");
        }
        for (int i = 0; i < end; i++) {
            char c = raw.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw DkimError.perm("a header field name with the octet " + Text.printable(String.valueOf(c), 4)
                        + ": \"" + Text.printable(raw, 40) + "\"");
            }
        }
        return raw.substring(0, end);
    }
}
