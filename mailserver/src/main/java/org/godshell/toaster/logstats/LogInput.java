package org.godshell.toaster.logstats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Cuts a log into lines at LF, whatever it holds: a line longer than {@link #MAX_LINE} bytes is skipped without
 * being kept in memory, one that is not UTF-8 or holds a NUL is binary, one with any other control character
 * (the toaster writes them as {@code \x0a}) is refused, so that no reader ever sees one. Empty lines carry
 * nothing and are passed over. The last line needs no LF: a log being written ends in the middle of one.
 */
public final class LogInput {

    /**
     * Longest line read: a transaction line names every recipient, {@code control/maxrcpt} (1000 by default)
     * addresses of up to 256 bytes (RFC 5321 §4.5.3.1.3), with room to spare.
     */
    public static final int MAX_LINE = 1 << 20;

    /** Where the lines go. */
    public interface Sink {
        void line(String text);

        void skipped(Skip why);
    }

    private final int maxLine;

    public LogInput() {
        this(MAX_LINE);
    }

    /** A smaller cap, for tests. */
    LogInput(int maxLine) {
        this.maxLine = maxLine;
    }

    public void read(InputStream in, Sink sink) throws IOException {
        byte[] line = new byte[256];
        int length = 0;
        boolean oversized = false;
        byte[] chunk = new byte[8192];
        int n;
        while ((n = in.read(chunk)) != -1) {
            for (int i = 0; i < n; i++) {
                byte b = chunk[i];
                if (b == '\n') {
                    end(line, length, oversized, sink);
                    length = 0;
                    oversized = false;
                } else if (!oversized) {
                    if (length == maxLine) {
                        oversized = true;
                    } else {
                        if (length == line.length) {
                            line = Arrays.copyOf(line, Math.min(maxLine, line.length * 2));
                        }
                        line[length++] = b;
                    }
                }
            }
        }
        if (length > 0 || oversized) {
            end(line, length, oversized, sink);
        }
    }

    private static void end(byte[] line, int length, boolean oversized, Sink sink) {
        if (oversized) {
            sink.skipped(Skip.OVERSIZED);
            return;
        }
        if (length == 0) {
            return;
        }
        String text;
        try {
            CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            text = utf8.decode(ByteBuffer.wrap(line, 0, length)).toString();
        } catch (CharacterCodingException e) {
            sink.skipped(Skip.BINARY);
            return;
        }
        if (text.indexOf('\0') >= 0) {
            sink.skipped(Skip.BINARY);
        } else if (text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            sink.skipped(Skip.CONTROL);
        } else {
            sink.line(text);
        }
    }
}
