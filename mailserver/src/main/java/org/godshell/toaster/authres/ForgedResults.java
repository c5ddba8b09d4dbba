package org.godshell.toaster.authres;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the incoming Authentication-Results fields that claim our authserv-id, for the caller to drop before
 * adding ours (RFC 8601 §5: a receiver "MUST remove" them, or a sender could write {@code dmarc=pass} in our
 * name). Only Authentication-Results: ARC-Authentication-Results belong to the ARC chain they are sealed in.
 *
 * <p>The authserv-id is read as RFC 8601 §2.2 writes it, after any comments and folding white space: a token
 * or a quoted-string, compared without regard to ASCII case; {@code ours.} with a final dot counts as ours too.
 * Lines end at LF (a CR before it belongs to the line), so a message with bare LF is read as its author meant.
 */
public final class ForgedResults {

    private static final byte[] NAME = AuthenticationResults.NAME.getBytes(StandardCharsets.US_ASCII);

    /** One header field in the header block: bytes {@code [start, end)}, its continuation lines and CRLF included. */
    public record Field(int start, int end) {
    }

    private ForgedResults() {
    }

    /**
     * The Authentication-Results fields of {@code header} (a message's header block; reading stops at the first
     * empty line) whose authserv-id is {@code ours}, in order.
     */
    public static List<Field> find(byte[] header, String ours) {
        List<Field> found = new ArrayList<>();
        int start = 0;
        while (start < header.length) {
            int end = lineEnd(header, start);
            if (end - start <= 2 && (header[start] == '\n' || header[start] == '\r' && end - start == 2
                    && header[start + 1] == '\n')) {
                break; // the empty line between header and body
            }
            while (end < header.length && (header[end] == ' ' || header[end] == '\t')) {
                end = lineEnd(header, end); // a continuation line (RFC 5322 §2.2.3)
            }
            if (isAuthenticationResults(header, start, end)
                    && authservId(value(header, start, end)).filter(id -> same(id, ours)).isPresent()) {
                found.add(new Field(start, end));
            }
            start = end;
        }
        return List.copyOf(found);
    }

    /** {@code header} without the fields {@link #find} finds. */
    public static byte[] remove(byte[] header, String ours) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream(header.length);
        int from = 0;
        for (Field field : find(header, ours)) {
            kept.write(header, from, field.start() - from);
            from = field.end();
        }
        kept.write(header, from, header.length - from);
        return kept.toByteArray();
    }

    /** Where the line starting at {@code start} ends: after its LF, or at the end of the block. */
    private static int lineEnd(byte[] header, int start) {
        int i = start;
        while (i < header.length && header[i] != '\n') {
            i++;
        }
        return Math.min(i + 1, header.length);
    }

    /** The field's name is Authentication-Results, in any case, perhaps with white space before the colon. */
    private static boolean isAuthenticationResults(byte[] header, int start, int end) {
        if (end - start < NAME.length + 1) {
            return false;
        }
        for (int i = 0; i < NAME.length; i++) {
            if (lower(header[start + i]) != lower(NAME[i])) {
                return false;
            }
        }
        int i = start + NAME.length;
        while (i < end && (header[i] == ' ' || header[i] == '\t')) {
            i++;
        }
        return i < end && header[i] == ':';
    }

    /** The field's value, unfolded (CR and LF dropped), one character per byte. */
    private static String value(byte[] header, int start, int end) {
        int colon = start;
        while (header[colon] != ':') {
            colon++;
        }
        StringBuilder value = new StringBuilder(end - colon);
        for (int i = colon + 1; i < end; i++) {
            if (header[i] != '\r' && header[i] != '\n') {
                value.append((char) (header[i] & 0xff));
            }
        }
        return value.toString();
    }

    /** The authserv-id at the start of a value, after CFWS: a token or a quoted-string (RFC 8601 §2.2). */
    static Optional<String> authservId(String value) {
        int i = Cfws.skip(value, 0);
        if (i >= value.length()) {
            return Optional.empty();
        }
        return value.charAt(i) == '"' ? Cfws.quotedString(value, i) : Cfws.token(value, i);
    }

    private static boolean same(String id, String ours) {
        String a = asciiLower(id.endsWith(".") ? id.substring(0, id.length() - 1) : id);
        String b = asciiLower(ours.endsWith(".") ? ours.substring(0, ours.length() - 1) : ours);
        return !a.isEmpty() && a.equals(b);
    }

    private static String asciiLower(String text) {
        StringBuilder lower = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            lower.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return lower.toString();
    }

    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }
}
