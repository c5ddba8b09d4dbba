package org.godshell.toaster.tlsrpt.store;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The escape of one field in a result line: every byte of the UTF-8 form outside a small safe set becomes
 * {@code %XX}, so a field never holds a tab, a line end, a comma, an equals sign or a percent sign of its own,
 * whatever a remote host put in its name or a policy in its text.
 */
final class Escape {

    private Escape() {
    }

    static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (safe(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** The text {@link #encode} wrote, or empty for anything it could not have written. */
    static Optional<String> decode(String field) {
        ByteBuffer bytes = ByteBuffer.allocate(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '%') {
                if (i + 2 >= field.length()) {
                    return Optional.empty();
                }
                int high = hex(field.charAt(i + 1));
                int low = hex(field.charAt(i + 2));
                if (high < 0 || low < 0 || safe(high * 16 + low)) {
                    return Optional.empty();
                }
                bytes.put((byte) (high * 16 + low));
                i += 2;
            } else if (safe(c)) {
                bytes.put((byte) c);
            } else {
                return Optional.empty();
            }
        }
        bytes.flip();
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** Upper-case hex only: the one spelling {@link #encode} uses. */
    private static int hex(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    private static boolean safe(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '.' || c == '-' || c == '_' || c == ':' || c == '*' || c == '@' || c == '/' || c == '+';
    }
}
