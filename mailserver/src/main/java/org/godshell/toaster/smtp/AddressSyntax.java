package org.godshell.toaster.smtp;

import java.net.IDN;
import java.nio.charset.StandardCharsets;

/** Character classes and the pieces of the RFC 5321 §4.1.2 / §4.1.3 grammar that need no cursor. */
final class AddressSyntax {

    /** RFC 5321 §4.5.3.1.1 and §4.5.3.1.2, in octets. */
    static final int MAX_LOCAL = 64;
    static final int MAX_DOMAIN = 255;
    static final int MAX_LABEL = 63;

    private AddressSyntax() {
    }

    /**
     * RFC 5322 §3.2.3 atext, which RFC 5321 uses for Atom, without the backtick: a deliberate, documented
     * strictness. No real mailbox needs an unquoted backtick and it is the shell's command substitution; it is
     * still accepted inside a quoted local part, where it is plainly data.
     */
    static boolean isAtext(int c) {
        if (c >= 0x80) {
            return isAllowedNonAscii(c);
        }
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || "!#$%&'*+-/=?^_{|}~".indexOf(c) >= 0;
    }

    /**
     * RFC 6531 §3.3 UTF8-non-ascii, less what no address should carry: controls (C1), format characters (bidi
     * overrides that make an address display as another), separators, private-use and unassigned code points.
     */
    static boolean isAllowedNonAscii(int c) {
        if (c < 0x80) {
            return false;
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR, Character.PRIVATE_USE, Character.SURROGATE,
                    Character.UNASSIGNED -> false;
            default -> true;
        };
    }

    /** RFC 5321 §4.1.2 qtextSMTP (plus UTF-8 under RFC 6531): printable ASCII except '"' and '\'. */
    static boolean isQtext(int c) {
        return c >= 32 && c <= 126 && c != '"' && c != '\\' || isAllowedNonAscii(c);
    }

    /** Dot-string = Atom *("." Atom): no empty atom, so no leading, trailing or double dot. */
    static boolean isDotString(String s) {
        if (s.isEmpty() || s.charAt(0) == '.' || s.charAt(s.length() - 1) == '.' || s.contains("..")) {
            return false;
        }
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            if (c != '.' && !isAtext(c)) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    /** The quoted-string form of a local part: '"' and '\' escaped as quoted-pairs. */
    static String quote(String local) {
        StringBuilder sb = new StringBuilder(local.length() + 2).append('"');
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    static int octets(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Characters a Domain may be made of; the structure is checked by {@link #isDomain}. */
    static boolean isDomainChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                || isAllowedNonAscii(c);
    }

    /**
     * Domain = sub-domain *("." sub-domain), sub-domain = Let-dig [Ldh-str] or, under RFC 6531, a U-label;
     * labels at most 63 octets (for a U-label: its A-label), the whole at most 255.
     */
    static boolean isDomain(String d) {
        if (d.isEmpty() || octets(d) > MAX_DOMAIN) {
            return false;
        }
        for (String label : d.split("\\.", -1)) {
            if (!isLabel(label)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLabel(String label) {
        if (label.isEmpty() || label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
            return false;
        }
        if (!label.codePoints().allMatch(c -> c != '.' && isDomainChar(c))) {
            return false;
        }
        boolean ascii = label.chars().allMatch(c -> c < 0x80);
        if (ascii) {
            return label.length() <= MAX_LABEL;
        }
        try {
            return IDN.toASCII(label).length() <= MAX_LABEL;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** RFC 5321 §4.1.3 address literal, with its brackets; only IPv4 and IPv6, never a General-address-literal. */
    static boolean isAddressLiteral(String lit) {
        if (lit.length() < 3 || lit.charAt(0) != '[' || lit.charAt(lit.length() - 1) != ']') {
            return false;
        }
        String inner = lit.substring(1, lit.length() - 1);
        if (inner.regionMatches(true, 0, "IPv6:", 0, 5)) {
            return Ip6Literal.isValid(inner.substring(5));
        }
        return isIpv4(inner);
    }

    /**
     * IPv4-address-literal = Snum 3("." Snum), each 0..255. Leading zeros are refused: some resolvers read
     * "010" as octal, so "[010.0.0.1]" would not mean what a relay check thinks it means.
     */
    static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || p.length() > 1 && p.charAt(0) == '0'
                    || !p.chars().allMatch(c -> c >= '0' && c <= '9') || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }
}
