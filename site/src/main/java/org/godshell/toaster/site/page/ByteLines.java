package org.godshell.toaster.site.page;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A page's bytes decoded strictly as UTF-8, and the line of a bad byte, so that a warning can say where to look:
 * lines are counted from 1 at the first byte, each {@code \n} (LF, or the LF of CRLF) starting the next, as git
 * and editors count them.
 */
final class ByteLines {

    private ByteLines() {
    }

    /** The text, or, when a byte sequence is not UTF-8, the offset where the first one starts. */
    record Decoded(Optional<String> text, int malformedAt) {
    }

    static Decoded utf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // UTF-8 never gives more chars than bytes: one call decodes it all, and stops at the first bad byte
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            return new Decoded(Optional.empty(), in.position());
        }
        decoder.flush(out);
        return new Decoded(Optional.of(out.flip().toString()), -1);
    }

    /** The first offset of {@code b}, or -1. */
    static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** The line of the byte at {@code offset}; 0 (no line) for a negative offset. */
    static int lineOf(byte[] bytes, int offset) {
        if (offset < 0) {
            return 0;
        }
        int line = 1;
        for (int i = 0; i < Math.min(offset, bytes.length); i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
