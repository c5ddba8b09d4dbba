package org.godshell.toaster.logline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.godshell.toaster.filter.rspamd.JsonReading;
import org.junit.jupiter.api.Test;

/**
 * Any string a client can get into a value, read back by a strict JSON parser from the line the log wrote: the
 * same string (a lone surrogate as U+FFFD), one line, and the fixed members untouched. The strings are random
 * UTF-16 from a fixed seed, weighted towards what breaks writers: quotes, backslashes, controls, surrogates.
 */
class JsonLineRoundTripTest {

    private static final long SEED = 0x70a57e5L;
    private static final char[] NASTY = {'"', '\\', '\n', '\r', '\t', '\0', '\u001b', '\u007f', '\u0085', '\u2028',
        '\u2029', '\ud800', '\udc00', '\ufeff', '\ufffd', '/', '{', '}', ':', ','};

    private static String random(Random random) {
        int length = random.nextInt(2000);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(random.nextBoolean() ? NASTY[random.nextInt(NASTY.length)] : (char) random.nextInt(0x10000));
        }
        return text.toString();
    }

    /** What a JSON string can carry of {@code text}: every lone surrogate replaced by U+FFFD. */
    private static String carried(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '\ufffd' : c);
            }
        }
        return out.toString();
    }

    @Test
    void everyValueComesBackFromOneLine() {
        Random random = new Random(SEED);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DaemonLog log = new DaemonLog("smtpd", DaemonLog.Prefix.SESSION, LogFormat.JSON,
                new PrintStream(bytes, true, StandardCharsets.UTF_8),
                Clock.fixed(Instant.parse("2026-11-26T14:10:00Z"), ZoneOffset.UTC), 0);
        for (int i = 0; i < 500; i++) {
            String user = random(random);
            String helo = random(random);
            log.write("s." + i, Line.Event.of("auth failed").with("client", "192.0.2.7").with("user", user)
                    .with("helo", helo));
            log.write("s." + i, new Line.Message(helo));
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1000, lines.size(), "seed " + SEED);
        random = new Random(SEED);
        for (int i = 0; i < 500; i++) {
            String user = random(random);
            String helo = random(random);
            Map<?, ?> event = (Map<?, ?>) JsonReading.parse(lines.get(2 * i));
            assertEquals(List.of("time", "daemon", "session", "event", "client", "user", "helo"),
                    List.copyOf(event.keySet()), "seed " + SEED + ", line " + i);
            assertEquals("192.0.2.7", event.get("client"));
            assertEquals(carried(user), event.get("user"), "seed " + SEED + ", line " + i);
            assertEquals(carried(helo), event.get("helo"), "seed " + SEED + ", line " + i);
            Map<?, ?> message = (Map<?, ?>) JsonReading.parse(lines.get(2 * i + 1));
            assertEquals(carried(helo), message.get("msg"), "seed " + SEED + ", line " + i);
            assertTrue(lines.get(2 * i).chars().allMatch(c -> c >= 0x20 && c < 0x7f), "ASCII only");
        }
    }
}
