package org.godshell.toaster.site.serve;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.IntPredicate;

/**
 * Percent-decoding of a request's path or query (RFC 3986 §2.1) into text: every escape must be whole, the raw
 * characters those the caller allows, and the bytes strict UTF-8 (no overlong forms, RFC 3629 §3).
 */
public final class PercentDecoding {

    /** What decoding gave: the text, or why there is none. */
    public sealed interface Result {
    }

    public record Text(String value) implements Result {
    }

    public record Bad(String reason) implements Result {
    }

    private PercentDecoding() {
    }

    public static Result decode(String raw, IntPredicate rawAllowed) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = high >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (low < 0) {
                    return new Bad("broken percent escape (a '%' not followed by two hex digits)");
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (rawAllowed.test(c)) {
                bytes.write(c);
            } else {
                return new Bad("raw byte outside printable ASCII");
            }
        }
        try {
            return new Text(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return new Bad("not UTF-8 (or an overlong form)");
        }
    }
}
