package org.godshell.toaster.deliver.bounce;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Turning client data (addresses, remote replies, host names) into text that can sit in a line of a notice.
 * Every value from outside passes through one of these before it is written; none of them can return a CR,
 * an LF or a NUL.
 */
final class Sanitize {

    private static final char REPLACEMENT = '\uFFFD';

    /** RFC 5322 §3.3 date-time, always in UTC: deterministic, and no obsolete zone names. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z",
            Locale.US).withZone(ZoneOffset.UTC);

    private Sanitize() {
    }

    static String date(Instant when) {
        return DATE.format(when);
    }

    /**
     * For the human-readable part: every control character (C0, DEL, C1), the Unicode line and paragraph
     * separators and unpaired surrogates become U+FFFD, so the reader sees that something was there.
     */
    static String text(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c) || isControl(c)) {
                out.append(REPLACEMENT);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** For the 7-bit delivery-status part (RFC 3464 §2.1.2): {@link #text} with every non-ASCII char as '?'. */
    static String ascii(String s) {
        String clean = text(s);
        StringBuilder out = new StringBuilder(clean.length());
        clean.codePoints().forEach(c -> out.append(c < 0x80 ? (char) c : '?'));
        return out.toString();
    }

    /**
     * An address as a delivery-status field types it (RFC 3464 §2.1.2 address-type): {@code rfc822; addr} when
     * it is printable ASCII, else {@code utf-8; } with the RFC 6533 §3 utf-8-addr-xtext form, which keeps the
     * part 7-bit: QCHAR as is, every other character as {@code \x{HEX}} (upper-case, no leading zeros). A NUL or
     * an unpaired surrogate, which no address may hold, is written as U+FFFD.
     */
    static String typedAddress(String address) {
        if (!address.isEmpty() && address.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return "rfc822; " + address;
        }
        StringBuilder out = new StringBuilder("utf-8; ");
        String clean = address.replace('\0', REPLACEMENT);
        for (int i = 0; i < clean.length(); ) {
            int c = clean.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isSurrogate((char) c) && c <= 0xffff) {
                c = REPLACEMENT;
            }
            // RFC 6533 §3: QCHAR = %x21-2a / %x2c-3c / %x3e-5b / %x5d-7e (not '+', '=', '\').
            if (c > 0x20 && c < 0x7f && c != '+' && c != '=' && c != '\\') {
                out.append((char) c);
            } else {
                String hex = Integer.toHexString(c).toUpperCase(Locale.ROOT);
                out.append("\\x{").append(hex.length() == 1 ? "0" + hex : hex).append('}');
            }
        }
        return out.toString();
    }

    /**
     * A host name for {@code Remote-MTA: dns; ...}: the name in ASCII (IDNA A-labels, RFC 5890), or empty when
     * it holds anything a DNS name or address literal cannot.
     */
    static String hostName(String host) {
        String ascii;
        try {
            ascii = java.net.IDN.toASCII(host, java.net.IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return "";
        }
        return ascii.matches("[A-Za-z0-9.:\\[\\]_-]{1,255}") ? ascii : "";
    }

    private static boolean isControl(char c) {
        return c < 0x20 || c >= 0x7f && c <= 0x9f || c == '\u2028' || c == '\u2029';
    }
}
