package org.godshell.toaster.deliver.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What local delivery needs from a message's header section to refuse loops: the addresses of its
 * {@code Delivered-To:} lines (qmail's loop detection) and its number of {@code Received:} lines (RFC 5321
 * §6.3's hop count). Reads at most {@link #MAX_SCAN} bytes; a header section longer than that is judged on its
 * first part.
 *
 * <p>Every delivery runs this, so it reads in blocks and looks at the bytes of a line: only a
 * {@code Delivered-To:} line becomes a string. Field names are ASCII, so comparing them byte by byte without
 * ASCII case finds exactly the lines a comparison of the lower-cased text would.
 */
record HeaderFacts(Set<String> deliveredTo, int received) {

    static final int MAX_SCAN = 1 << 20;
    /** RFC 5321 §6.3 suggests at least 100 hops before declaring a loop. */
    static final int MAX_RECEIVED = 100;

    private static final byte[] DELIVERED_TO = "delivered-to:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RECEIVED = "received:".getBytes(StandardCharsets.US_ASCII);

    static HeaderFacts read(InputStream in) throws IOException {
        Set<String> deliveredTo = new HashSet<>();
        int received = 0;
        byte[] block = new byte[8192];
        byte[] line = new byte[256];
        int length = 0;
        int scanned = 0;
        int n;
        while (scanned < MAX_SCAN && (n = in.read(block, 0, Math.min(block.length, MAX_SCAN - scanned))) > 0) {
            scanned += n;
            for (int i = 0; i < n; i++) {
                byte b = block[i];
                if (b != '\n') {
                    if (length == line.length) {
                        line = Arrays.copyOf(line, length * 2);
                    }
                    line[length++] = b;
                    continue;
                }
                int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
                length = 0;
                if (end == 0) {
                    return new HeaderFacts(Set.copyOf(deliveredTo), received);
                }
                if (startsWithIgnoringAsciiCase(line, end, DELIVERED_TO)) {
                    String value = new String(line, DELIVERED_TO.length, end - DELIVERED_TO.length,
                            StandardCharsets.UTF_8);
                    deliveredTo.add(value.toLowerCase(Locale.ROOT).strip());
                } else if (startsWithIgnoringAsciiCase(line, end, RECEIVED)) {
                    received++;
                }
            }
        }
        return new HeaderFacts(Set.copyOf(deliveredTo), received);
    }

    /** Whether the first {@code length} bytes of {@code line} start with {@code prefix} (lower-case ASCII). */
    private static boolean startsWithIgnoringAsciiCase(byte[] line, int length, byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            int b = line[i];
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
