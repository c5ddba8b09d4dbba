package org.godshell.toaster.pop3;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A POP3 response (RFC 1939 §3): {@code +OK} or {@code -ERR}, an optional response code in brackets (RFC 2449
 * §8), text, and for a multi-line response its lines, sent dot-stuffed and ended by a line holding one dot.
 *
 * @param code the response code without brackets, such as {@code AUTH} or {@code IN-USE}; empty for none
 * @param lines the lines of a multi-line response; {@code null} for a one-line response
 */
record Reply(boolean ok, String code, String text, List<String> lines) {

    Reply {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(text, "text");
        lines = lines == null ? null : List.copyOf(lines);
    }

    static Reply ok(String text) {
        return new Reply(true, "", text, null);
    }

    static Reply err(String text) {
        return new Reply(false, "", text, null);
    }

    /** {@code -ERR [CODE] text}, RFC 2449 §8. */
    static Reply err(String code, String text) {
        return new Reply(false, code, text, null);
    }

    static Reply multiLine(String text, List<String> lines) {
        return new Reply(true, "", text, lines);
    }

    boolean multiLine() {
        return lines != null;
    }

    /** The bytes on the wire: status line, and for a multi-line response each line dot-stuffed, then ".". */
    byte[] toWire() {
        StringBuilder wire = new StringBuilder(ok ? "+OK" : "-ERR");
        if (!code.isEmpty()) {
            wire.append(" [").append(code).append(']');
        }
        if (!text.isEmpty()) {
            wire.append(' ').append(text);
        }
        wire.append("\r\n");
        if (lines != null) {
            for (String line : lines) {
                // RFC 1939 §3: a line that starts with the termination octet gets one more in front.
                wire.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
            }
            wire.append(".\r\n");
        }
        return wire.toString().getBytes(StandardCharsets.UTF_8);
    }
}
