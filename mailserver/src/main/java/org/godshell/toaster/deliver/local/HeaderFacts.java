package org.godshell.toaster.deliver.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What local delivery needs from a message's header section to refuse loops: the addresses of its
 * {@code Delivered-To:} lines (qmail's loop detection) and its number of {@code Received:} lines (RFC 5321
 * §6.3's hop count). Reads at most {@link #MAX_SCAN} bytes; a header section longer than that is judged on its
 * first part.
 */
record HeaderFacts(Set<String> deliveredTo, int received) {

    static final int MAX_SCAN = 1 << 20;
    /** RFC 5321 §6.3 suggests at least 100 hops before declaring a loop. */
    static final int MAX_RECEIVED = 100;

    static HeaderFacts read(InputStream in) throws IOException {
        Set<String> deliveredTo = new HashSet<>();
        int received = 0;
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        int scanned = 0;
        int b;
        while (scanned < MAX_SCAN && (b = in.read()) >= 0) {
            scanned++;
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            if (text.isEmpty()) {
                break;
            }
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.startsWith("delivered-to:")) {
                deliveredTo.add(lower.substring("delivered-to:".length()).strip());
            } else if (lower.startsWith("received:")) {
                received++;
            }
        }
        return new HeaderFacts(Set.copyOf(deliveredTo), received);
    }
}
