package org.godshell.toaster.smtp;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An SMTP reply as a value: a three-digit code, an optional RFC 3463 enhanced status code and one or more text
 * lines. Handlers return replies; only the session loop renders them with {@link #toWire(boolean)}.
 *
 * @param code     the RFC 5321 §4.2 reply code, 200..599
 * @param enhanced the RFC 3463 enhanced status code ("5.5.1"), or null when the reply has none (greeting,
 *                 HELO/EHLO and 354, RFC 2034 §3)
 * @param lines    the text lines, at least one, without CR, LF or NUL
 */
public record Reply(int code, String enhanced, List<String> lines) {

    // RFC 3463 §2: class "." subject "." detail, subject and detail 1..3 digits.
    private static final Pattern ENHANCED = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");

    public Reply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("reply code out of range 200..599: " + code);
        }
        if (enhanced != null) {
            if (!ENHANCED.matcher(enhanced).matches()) {
                throw new IllegalArgumentException("bad enhanced status code: " + enhanced);
            }
            // RFC 3463 §3.1: the class digit of the enhanced code matches the class of the basic code.
            if (enhanced.charAt(0) - '0' != code / 100) {
                throw new IllegalArgumentException("enhanced code " + enhanced + " does not match reply " + code);
            }
        }
        Objects.requireNonNull(lines, "lines");
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply needs at least one line");
        }
        lines = List.copyOf(lines);
        for (String line : lines) {
            // A CR or LF would let text end the reply early and inject another one (reply splitting).
            if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0 || line.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("reply text contains CR, LF or NUL");
            }
        }
    }

    /** A single-line reply. */
    public static Reply of(int code, String enhanced, String text) {
        return new Reply(code, enhanced, List.of(text));
    }

    /** A multi-line reply (RFC 5321 §4.2.1), e.g. the EHLO keyword list. */
    public static Reply multi(int code, String enhanced, List<String> lines) {
        return new Reply(code, enhanced, lines);
    }

    /** The first text line, for logs. */
    public String text() {
        return lines.get(0);
    }

    /** 2xx or 3xx. */
    public boolean isPositive() {
        return code < 400;
    }

    /** 4xx: the client may try again later. */
    public boolean isTransient() {
        return code >= 400 && code < 500;
    }

    /** 5xx: the client must not repeat the same command. */
    public boolean isPermanent() {
        return code >= 500;
    }

    /**
     * The reply as sent on the wire: RFC 5321 §4.2.1 continuation lines use "-" after the code, the last line a
     * space. The enhanced code is put in front of every line's text (RFC 2034 §3) when the session advertised
     * ENHANCEDSTATUSCODES.
     */
    public String toWire(boolean enhancedStatusCodes) {
        StringBuilder sb = new StringBuilder(64 * lines.size());
        String prefix = enhancedStatusCodes && enhanced != null ? enhanced + " " : "";
        int last = lines.size() - 1;
        for (int i = 0; i <= last; i++) {
            sb.append(code).append(i < last ? '-' : ' ').append(prefix).append(lines.get(i)).append("\r\n");
        }
        return sb.toString();
    }
}
