package org.godshell.toaster.smtp;

/** The IPv6 forms of RFC 5321 §4.1.3 (IPv6-full, -comp, v4-full, v4-comp), checked without a resolver. */
final class Ip6Literal {

    private Ip6Literal() {
    }

    static boolean isValid(String s) {
        int lastColon = s.lastIndexOf(':');
        if (lastColon < 0) {
            return false;
        }
        String hex = s;
        int v4Groups = 0;
        if (s.indexOf('.') >= 0) {
            // An embedded IPv4 address takes the place of the last two groups.
            if (!AddressSyntax.isIpv4(s.substring(lastColon + 1))) {
                return false;
            }
            v4Groups = 2;
            hex = s.startsWith("::", lastColon - 1) ? s.substring(0, lastColon + 1) : s.substring(0, lastColon);
        }
        int compressed = hex.indexOf("::");
        if (compressed < 0) {
            int groups = groups(hex);
            return groups >= 0 && groups + v4Groups == 8;
        }
        if (hex.indexOf("::", compressed + 1) >= 0) {
            return false;
        }
        int left = groups(hex.substring(0, compressed));
        int right = groups(hex.substring(compressed + 2));
        // "::" stands for at least two groups: at most 6 others (4 with an IPv4 tail).
        return left >= 0 && right >= 0 && left + right + v4Groups <= 6;
    }

    /** The number of ':'-separated groups of 1..4 hex digits, 0 for "", -1 when malformed. */
    private static int groups(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        String[] parts = s.split(":", -1);
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(Ip6Literal::isHex)) {
                return -1;
            }
        }
        return parts.length;
    }

    private static boolean isHex(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
